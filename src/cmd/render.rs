//! `ketluan render`: meeting files → notices.
