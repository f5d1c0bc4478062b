//! A PDF's structure as qpdf reads it, and the rectangles its pages paint
//! (rules and table borders), read from the content streams by a small
//! interpreter of our own: independent of the code that wrote them.

use std::path::Path;

/// A PDF as qpdf reads it (`qpdf --json`), its streams decoded into files.
pub struct Qpdf {
    /// What `qpdf --json=2` printed.
    pub json: serde_json::Value,
    _streams: tempfile::TempDir,
}

impl Qpdf {
    pub fn read(pdf: &Path) -> Qpdf {
        let streams = tempfile::tempdir().unwrap();
        let out = std::process::Command::new("qpdf")
            .args([
                "--json=2",
                "--json-stream-data=file",
                "--decode-level=generalized",
            ])
            .arg(format!(
                "--json-stream-prefix={}",
                streams.path().join("s").display()
            ))
            .arg(pdf)
            .output()
            .expect("qpdf runs");
        assert!(
            out.status.success(),
            "qpdf: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        Qpdf {
            json: serde_json::from_slice(&out.stdout).unwrap(),
            _streams: streams,
        }
    }

    pub fn objects(&self) -> &serde_json::Map<String, serde_json::Value> {
        self.json["qpdf"][1].as_object().unwrap()
    }

    /// An object by reference (`"12 0 R"`): a stream's dictionary, or its value.
    pub fn get(&self, r: &str) -> &serde_json::Value {
        let o = &self.objects()[&format!("obj:{r}")];
        if o["stream"].is_object() {
            &o["stream"]["dict"]
        } else {
            &o["value"]
        }
    }

    /// `v`, or what it refers to.
    pub fn resolve<'a>(&'a self, v: &'a serde_json::Value) -> &'a serde_json::Value {
        match v.as_str() {
            Some(r) if r.ends_with(" R") => self.get(r),
            _ => v,
        }
    }

    /// A stream's decoded data.
    pub fn data(&self, r: &str) -> Vec<u8> {
        let o = &self.objects()[&format!("obj:{r}")];
        let file = o["stream"]["datafile"]
            .as_str()
            .unwrap_or_else(|| panic!("{r} is a stream"));
        std::fs::read(file).unwrap()
    }

    pub fn catalog(&self) -> &serde_json::Value {
        self.resolve(&self.objects()["trailer"]["value"]["/Root"])
    }

    /// Every object that is not a stream's data: values and stream dictionaries.
    pub fn dictionaries(&self) -> impl Iterator<Item = &serde_json::Value> {
        self.objects()
            .iter()
            .filter(|(k, _)| k.starts_with("obj:"))
            .map(|(_, o)| {
                if o["stream"].is_object() {
                    &o["stream"]["dict"]
                } else {
                    &o["value"]
                }
            })
    }

    /// Each page's content streams, decoded and joined.
    pub fn page_contents(&self) -> Vec<String> {
        self.json["pages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                p["contents"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| String::from_utf8_lossy(&self.data(c.as_str().unwrap())).into_owned())
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect()
    }
}

/// A filled (or stroked) axis-aligned rectangle, in points from the
/// top-left corner of its page.
#[derive(Debug, Clone, Copy)]
pub struct FilledRect {
    /// Left edge.
    pub x0: f32,
    /// Right edge.
    pub x1: f32,
    /// Top edge.
    pub y0: f32,
    /// Bottom edge.
    pub y1: f32,
}

impl FilledRect {
    /// Width.
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }
    /// Horizontal centre.
    pub fn centre(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
}

/// The filled paths of a content stream, each an axis-aligned rectangle
/// (asserted), in points from the top-left corner of a page `page_h` high:
/// a small interpreter of `q`, `Q`, `cm`, `w`, `m`, `l`, `re`, `h` and the
/// fill and paint operators; text, strings and arrays are skipped.
pub fn filled_rects(content: &str, page_h: f32) -> Vec<FilledRect> {
    painted_rects(content, page_h).0
}

/// The filled rectangles of a content stream ([`filled_rects`]) and its
/// stroked horizontal segments, each as the rectangle its pen covers (line
/// width `w`, butt caps: how LibreOffice draws a paragraph's border).
pub fn painted_rects(content: &str, page_h: f32) -> (Vec<FilledRect>, Vec<FilledRect>) {
    type M = [f64; 6];
    let mul = |a: M, b: M| -> M {
        [
            a[0] * b[0] + a[1] * b[2],
            a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4],
            a[4] * b[1] + a[5] * b[3] + b[5],
        ]
    };
    let b = content.as_bytes();
    let mut ctm: M = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let mut width = 1.0;
    let mut stack: Vec<(M, f64)> = Vec::new();
    let mut nums: Vec<f64> = Vec::new();
    let mut path: Vec<(f64, f64)> = Vec::new();
    let mut out = Vec::new();
    let mut strokes = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() || c == b'[' || c == b']' {
            i += 1;
        } else if c == b'%' {
            while i < b.len() && b[i] != b'\n' && b[i] != b'\r' {
                i += 1;
            }
        } else if c == b'(' {
            let mut depth = 0;
            while i < b.len() {
                match b[i] {
                    b'\\' => i += 1,
                    b'(' => depth += 1,
                    b')' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            i += 1;
            nums.clear();
        } else if c == b'<' && b.get(i + 1) != Some(&b'<') {
            while i < b.len() && b[i] != b'>' {
                i += 1;
            }
            i += 1;
            nums.clear();
        } else if c == b'<' || c == b'>' {
            i += 2; // `<<`, `>>`
        } else if c == b'/' {
            i += 1;
            while i < b.len() && !b[i].is_ascii_whitespace() && !b"/[]()<>".contains(&b[i]) {
                i += 1;
            }
        } else {
            let start = i;
            while i < b.len() && !b[i].is_ascii_whitespace() && !b"/[]()<>%".contains(&b[i]) {
                i += 1;
            }
            let token = &content[start..i];
            if let Ok(n) = token.parse::<f64>() {
                nums.push(n);
                continue;
            }
            let at =
                |x: f64, y: f64, m: &M| (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]);
            match token {
                "q" => stack.push((ctm, width)),
                "Q" => (ctm, width) = stack.pop().expect("q before Q"),
                "w" => width = nums[nums.len() - 1],
                "cm" => {
                    let n = &nums[nums.len() - 6..];
                    ctm = mul([n[0], n[1], n[2], n[3], n[4], n[5]], ctm);
                }
                "m" | "l" => {
                    let n = &nums[nums.len() - 2..];
                    path.push(at(n[0], n[1], &ctm));
                }
                "re" => {
                    let n = &nums[nums.len() - 4..];
                    let (x, y, w, h) = (n[0], n[1], n[2], n[3]);
                    for (px, py) in [(x, y), (x + w, y), (x + w, y + h), (x, y + h)] {
                        path.push(at(px, py, &ctm));
                    }
                }
                "f" | "F" | "f*" | "B" | "B*" | "b" | "b*" => {
                    let xs: Vec<f64> = path.iter().map(|p| p.0).collect();
                    let ys: Vec<f64> = path.iter().map(|p| p.1).collect();
                    let lo = |v: &[f64]| v.iter().copied().fold(f64::MAX, f64::min);
                    let hi = |v: &[f64]| v.iter().copied().fold(f64::MIN, f64::max);
                    let (x0, x1, y0, y1) = (lo(&xs), hi(&xs), lo(&ys), hi(&ys));
                    // Every corner on the box's edges: a rectangle.
                    assert!(
                        path.iter()
                            .all(|&(x, y)| ((x - x0).abs() < 1e-3 || (x - x1).abs() < 1e-3)
                                && ((y - y0).abs() < 1e-3 || (y - y1).abs() < 1e-3)),
                        "a filled path that is not a rectangle: {path:?}"
                    );
                    out.push(FilledRect {
                        x0: x0 as f32,
                        x1: x1 as f32,
                        y0: page_h - y1 as f32,
                        y1: page_h - y0 as f32,
                    });
                    path.clear();
                }
                "S" => {
                    // The pen's width in page units (a scale of one here).
                    assert!((ctm[3].abs() - 1.0).abs() < 1e-6, "{ctm:?}");
                    let half = width / 2.0;
                    for pair in path.windows(2) {
                        let ((xa, ya), (xb, yb)) = (pair[0], pair[1]);
                        if (ya - yb).abs() < 1e-3 {
                            strokes.push(FilledRect {
                                x0: xa.min(xb) as f32,
                                x1: xa.max(xb) as f32,
                                y0: page_h - (ya + half) as f32,
                                y1: page_h - (ya - half) as f32,
                            });
                        }
                    }
                    path.clear();
                }
                "s" | "n" => path.clear(),
                _ => {}
            }
            nums.clear();
        }
    }
    (out, strokes)
}
