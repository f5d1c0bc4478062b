//! `ketluan new`: write a commented skeleton meeting file.
