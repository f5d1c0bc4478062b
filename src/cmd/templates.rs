//! `ketluan templates export`: copy the embedded templates out.
