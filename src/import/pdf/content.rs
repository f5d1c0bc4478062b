//! The content-stream walk: graphics and text state, matrices, the page
//! box, fonts looked up in the resources, text-showing operators turned
//! into positioned glyphs, and form XObjects drawn (nested, bounded).

use lopdf::{Dictionary, Object, ObjectId};

use super::cmap::code;
use super::fonts::load_font;
use super::{
    decode_stream, deref, get, num, Extractor, Stop, MAX_FORM_DEPTH, MAX_OPERATIONS,
    MAX_PAGE_OPERATIONS,
};

type Matrix = [f64; 6];

const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a` then `b` (row vectors: p × a × b).
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &Matrix, x: f64, y: f64) -> (f64, f64) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

fn matrix(ops: &[Object]) -> Option<Matrix> {
    if ops.len() < 6 {
        return None;
    }
    let mut m = [0.0; 6];
    for (k, o) in ops[ops.len() - 6..].iter().enumerate() {
        m[k] = num(o)? as f64;
    }
    m.iter().all(|v| v.is_finite()).then_some(m)
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    font: Option<FontKey>,
    font_size: f64,
    char_spacing: f64,
    word_spacing: f64,
    h_scale: f64,
    leading: f64,
    rise: f64,
    render: i64,
}

impl Default for GState {
    fn default() -> Self {
        GState {
            ctm: IDENTITY,
            font: None,
            font_size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            h_scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            render: 0,
        }
    }
}

/// The visible page and how to turn user space into "points from the top left".
#[derive(Default, Clone, Copy)]
pub(super) struct PageBox {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    rotate: i64,
}

impl PageBox {
    /// Width and height as shown (after /Rotate).
    fn shown_size(&self) -> (f64, f64) {
        let (w, h) = (self.x1 - self.x0, self.y1 - self.y0);
        if self.rotate == 90 || self.rotate == 270 {
            (h, w)
        } else {
            (w, h)
        }
    }

    fn page_point(&self, x: f64, y: f64) -> (f64, f64) {
        match self.rotate {
            90 => (y - self.y0, x - self.x0),
            180 => (self.x1 - x, y - self.y0),
            270 => (self.y1 - y, self.x1 - x),
            _ => (x - self.x0, self.y1 - y),
        }
    }
}

/// A font: an indirect object, or a dictionary written into the resources
/// (keyed by its address, stable while the document lives).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum FontKey {
    Ref(ObjectId),
    Inline(usize),
}

impl<'a> Extractor<'a> {
    /// Walks a page's content: its box, resources and content streams.
    pub(super) fn walk_page(&mut self, page_id: ObjectId) -> Result<(), Stop> {
        let doc = self.doc;
        self.page_ops = 0;
        let page = doc.get_dictionary(page_id).map_err(|_| Stop::Broken)?;
        let inherited = |key: &[u8]| -> Option<&'a Object> {
            let mut node = page;
            for _ in 0..32 {
                if let Ok(o) = node.get(key) {
                    return Some(deref(doc, o));
                }
                node = get(doc, node, b"Parent").as_dict().ok()?;
            }
            None
        };
        let rect = |o: Option<&Object>| -> Option<[f64; 4]> {
            let a = o?.as_array().ok()?;
            let v: Vec<f64> = a
                .iter()
                .filter_map(|o| num(deref(doc, o)))
                .map(f64::from)
                .collect();
            (v.len() == 4).then(|| {
                [
                    v[0].min(v[2]),
                    v[1].min(v[3]),
                    v[0].max(v[2]),
                    v[1].max(v[3]),
                ]
            })
        };
        let b = rect(inherited(b"CropBox"))
            .or_else(|| rect(inherited(b"MediaBox")))
            .unwrap_or([0.0, 0.0, 595.0, 842.0]);
        let rotate = inherited(b"Rotate").and_then(num).unwrap_or(0.0) as i64;
        self.page_box = PageBox {
            x0: b[0],
            y0: b[1],
            x1: b[2],
            y1: b[3],
            rotate: rotate.rem_euclid(360),
        };
        let resources = inherited(b"Resources").and_then(|o| o.as_dict().ok());
        let mut content = Vec::new();
        match page.get(b"Contents").map(|o| deref(doc, o)) {
            Ok(Object::Stream(s)) => content = decode_stream(s, self.budget)?,
            Ok(Object::Array(parts)) => {
                for part in parts {
                    match deref(doc, part).as_stream() {
                        Ok(s) => {
                            content.extend(decode_stream(s, self.budget)?);
                            content.push(b'\n');
                        }
                        Err(_) => self.broken += 1,
                    }
                }
            }
            Err(_) => return Ok(()), // an empty page
            // Contents that are no stream (lost to a broken object).
            Ok(_) => return Err(Stop::Broken),
        }
        let mut gs = GState::default();
        let mut forms = Vec::new();
        self.run(&content, resources, &mut gs, &mut forms)
    }

    fn font(
        &mut self,
        resources: Option<&'a Dictionary>,
        name: &[u8],
    ) -> Result<Option<FontKey>, Stop> {
        let doc = self.doc;
        let Some(fonts) = resources.and_then(|r| get(doc, r, b"Font").as_dict().ok()) else {
            return Ok(None);
        };
        let Ok(entry) = fonts.get(name) else {
            return Ok(None);
        };
        let (id, dict) = match entry {
            Object::Reference(id) => (FontKey::Ref(*id), doc.get_dictionary(*id).ok()),
            Object::Dictionary(d) => (FontKey::Inline(d as *const Dictionary as usize), Some(d)),
            _ => return Ok(None),
        };
        if !self.fonts.contains_key(&id) {
            // A font that cannot be read leaves its text unread, not the page.
            let font = match dict.map(|d| load_font(doc, d, self.budget)) {
                Some(Ok(font)) => Some(font),
                Some(Err(limit @ Stop::Limit(_))) => return Err(limit),
                Some(Err(Stop::Broken)) | None => None,
            };
            self.fonts.insert(id, font);
        }
        Ok(Some(id))
    }

    fn run(
        &mut self,
        content: &[u8],
        resources: Option<&'a Dictionary>,
        gs: &mut GState,
        forms: &mut Vec<ObjectId>,
    ) -> Result<(), Stop> {
        let doc = self.doc;
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        for op in lopdf::content::Content::decode_iter(content) {
            let Ok(op) = op else {
                // Keep what was read before the damage, as viewers do.
                self.broken += 1;
                return Ok(());
            };
            self.ops += 1;
            self.page_ops += 1;
            if self.page_ops > MAX_PAGE_OPERATIONS || self.ops > MAX_OPERATIONS {
                return Err(Stop::Limit(format!(
                    "quá nhiều lệnh vẽ (hơn {} triệu trên một trang hoặc {} triệu cả tệp)",
                    MAX_PAGE_OPERATIONS / 1_000_000,
                    MAX_OPERATIONS / 1_000_000
                )));
            }
            let args = &op.operands;
            let n = |i: usize| {
                args.get(i)
                    .and_then(num)
                    .map(f64::from)
                    .filter(|v| v.is_finite())
            };
            match op.operator.as_str() {
                "q" if stack.len() < 256 => stack.push(gs.clone()),
                "Q" => {
                    if let Some(saved) = stack.pop() {
                        *gs = saved;
                    }
                }
                "cm" => {
                    if let Some(m) = matrix(args) {
                        gs.ctm = mul(&m, &gs.ctm);
                    }
                }
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "ET" => self.flush(),
                "Tf" => {
                    if let (Some(Object::Name(name)), Some(size)) = (args.first(), n(1)) {
                        gs.font = self.font(resources, name)?;
                        gs.font_size = size;
                    }
                }
                "Tc" => gs.char_spacing = n(0).unwrap_or(0.0),
                "Tw" => gs.word_spacing = n(0).unwrap_or(0.0),
                "Tz" => gs.h_scale = n(0).unwrap_or(100.0) / 100.0,
                "TL" => gs.leading = n(0).unwrap_or(0.0),
                "Ts" => gs.rise = n(0).unwrap_or(0.0),
                "Tr" => gs.render = n(0).unwrap_or(0.0) as i64,
                "Td" | "TD" => {
                    if let (Some(tx), Some(ty)) = (n(0), n(1)) {
                        if op.operator == "TD" {
                            gs.leading = -ty;
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &tlm);
                        tm = tlm;
                    }
                }
                "Tm" => {
                    if let Some(m) = matrix(args) {
                        tlm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if op.operator == "\"" {
                        gs.word_spacing = n(0).unwrap_or(gs.word_spacing);
                        gs.char_spacing = n(1).unwrap_or(gs.char_spacing);
                    }
                    if op.operator == "'" || op.operator == "\"" {
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                        tm = tlm;
                    }
                    let items: &[Object] = match (op.operator.as_str(), args.last()) {
                        ("TJ", Some(Object::Array(a))) => a,
                        (_, Some(s @ Object::String(..))) => std::slice::from_ref(s),
                        _ => continue,
                    };
                    let drawn = items
                        .iter()
                        .any(|o| matches!(o, Object::String(b, _) if !b.is_empty()));
                    self.shows += drawn as usize;
                    let Some(font_id) = gs.font else { continue };
                    for item in items {
                        match item {
                            Object::String(bytes, _) => self.show(font_id, bytes, gs, &mut tm),
                            o => {
                                if let Some(adj) = num(o) {
                                    let tx = -(adj as f64) / 1000.0 * gs.font_size * gs.h_scale;
                                    tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                }
                            }
                        }
                    }
                }
                "BI" => self.images += 1,
                "Do" => {
                    let Some(Object::Name(name)) = args.first() else {
                        continue;
                    };
                    let Some(xobjects) =
                        resources.and_then(|r| get(doc, r, b"XObject").as_dict().ok())
                    else {
                        continue;
                    };
                    let Ok(Object::Reference(id)) = xobjects.get(name) else {
                        continue;
                    };
                    if forms.len() >= MAX_FORM_DEPTH || forms.contains(id) {
                        continue;
                    }
                    let Ok(stream) = doc.get_object(*id).and_then(Object::as_stream) else {
                        continue;
                    };
                    match get(doc, &stream.dict, b"Subtype").as_name() {
                        Ok(b"Form") => {}
                        Ok(b"Image") => {
                            self.images += 1;
                            continue;
                        }
                        _ => continue,
                    }
                    let data = match self.forms_read.get(id) {
                        Some(data) => data.clone(),
                        None => match decode_stream(stream, self.budget) {
                            Ok(d) => {
                                let d = std::rc::Rc::new(d);
                                self.forms_read.insert(*id, d.clone());
                                d
                            }
                            Err(limit @ Stop::Limit(_)) => return Err(limit),
                            Err(Stop::Broken) => continue,
                        },
                    };
                    let form_resources = get(doc, &stream.dict, b"Resources")
                        .as_dict()
                        .ok()
                        .or(resources);
                    let mut inner = gs.clone();
                    if let Ok(m) = get(doc, &stream.dict, b"Matrix").as_array() {
                        let m: Vec<Object> = m.iter().map(|o| deref(doc, o).clone()).collect();
                        if let Some(m) = matrix(&m) {
                            inner.ctm = mul(&m, &inner.ctm);
                        }
                    }
                    forms.push(*id);
                    let result = self.run(&data, form_resources, &mut inner, forms);
                    forms.pop();
                    if let Err(limit @ Stop::Limit(_)) = result {
                        return Err(limit);
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// Shows the codes of one string: each glyph's text and advance.
    fn show(&mut self, font_id: FontKey, bytes: &[u8], gs: &GState, tm: &mut Matrix) {
        let Some(Some(font)) = self.fonts.get(&font_id) else {
            return;
        };
        let step = if font.two_byte { 2 } else { 1 };
        let bold = font.bold || gs.render == 2;
        let mut glyphs: Vec<(String, f64, f64, f64, f64, bool)> = Vec::new();
        for chunk in bytes.chunks(step) {
            let code = code(chunk);
            let w0 = font.width(code) as f64 * font.scale as f64;
            let text = font.text(code).unwrap_or_else(|| "\u{fffd}".into());
            let is_space = chunk.len() == 1 && chunk[0] == 32;
            let trm = mul(
                &[
                    gs.font_size * gs.h_scale,
                    0.0,
                    0.0,
                    gs.font_size,
                    0.0,
                    gs.rise,
                ],
                &mul(tm, &gs.ctm),
            );
            let (ox, oy) = apply(&trm, 0.0, 0.0);
            let (x, y) = self.page_box.page_point(ox, oy);
            let size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            let tx = (w0 * gs.font_size
                + gs.char_spacing
                + if is_space { gs.word_spacing } else { 0.0 })
                * gs.h_scale;
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
            let (ex, ey) = apply(&mul(tm, &gs.ctm), 0.0, gs.rise);
            let (end_x, _) = self.page_box.page_point(ex, ey);
            glyphs.push((text, x, y, end_x, size, bold));
        }
        // Glyphs drawn off the page are not shown, and not read (as pdftotext).
        let (w, h) = self.page_box.shown_size();
        for (text, x, y, end_x, size, bold) in glyphs {
            if (-1.0..=w + 1.0).contains(&x) && (-1.0..=h + 1.0).contains(&y) {
                self.glyph(text, x, y, end_x, size, bold);
            }
        }
    }
}
