//! A JSON Schema (draft-07) of the meeting format, for editors: with the
//! YAML extension of VS Code (yaml-language-server), a meeting file that
//! names it on its first line (`# yaml-language-server: $schema=…`) gets
//! completion of field names, Vietnamese descriptions on hover, and
//! squiggles under misspelt fields, wrong types, malformed dates and
//! unknown `status` values.
//!
//! The schema is derived from the tables of [`crate::model::format`], the
//! same the validator walks: field names, kinds, descriptions, defaults and
//! the documents that need each field. `tests/schema.rs` still checks the
//! result against the validator itself (the fields it accepts at every kind
//! of mapping, a wrong type in each field refused by both, the layout
//! ranges, the shipped examples and the broken fixtures).
//!
//! What the schema cannot know, `ketluan check` still reports: the
//! Markdown subset, impossible dates (31/02), unit names outside
//! `departments`, and fields that become required only after the merge
//! with `ketluan.yaml` or by the documents the file asks for (so no field
//! of a block is marked required here: a meeting may take `issuer` or
//! `signer` from its defaults file; only the items of lists, never merged,
//! have required fields).

use serde_json::{json, Map, Value};

use crate::layout::Layout;
use crate::model::format::{Default, Field, Kind, Need, AGENDA_ITEM, MAX_TASK_DEPTH, ROOT, TASK};

/// Where the schema says it comes from (`$id`).
pub const SCHEMA_ID: &str = "https://ketluan.invalid/schema/meeting-v2.json";

/// The file name `ketluan new` gives the schema beside the meetings.
pub const SCHEMA_FILE_NAME: &str = "ketluan.schema.json";

/// Dates: `2021-01-25` or `25/01/2021` (`D/M/YYYY`), spaces around ignored.
const DATE_PATTERN: &str = r"^\s*([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}/[0-9]{1,2}/[0-9]{4})\s*$";

/// Something other than white space.
const NOT_BLANK: &str = r"\S";

/// Vietnamese descriptions of the `layout` keys (the numeric ones are
/// [`Layout::FIELDS`]; a key missing here gets a description from its unit).
const LAYOUT_DOCS: &[(&str, &str)] = &[
    ("font_family", "Tên phông ghi trong DOCX (mặc định Times New Roman)"),
    ("font_dir", "Thư mục chứa phông Times New Roman của bạn cho PDF (times.ttf, timesbd.ttf, timesi.ttf, timesbi.ttf); tương đối với tệp ghi nó"),
    ("page_width_mm", "Chiều rộng trang, mm (A4: 210)"),
    ("page_height_mm", "Chiều cao trang, mm (A4: 297)"),
    ("margin_top_mm", "Lề trên, mm (mặc định 20)"),
    ("margin_bottom_mm", "Lề dưới, mm (mặc định 20)"),
    ("margin_left_mm", "Lề trái, mm (mặc định 30)"),
    ("margin_right_mm", "Lề phải, mm (mặc định 15)"),
    ("header_distance_mm", "Khoảng cách từ mép trên trang đến số trang, mm (mặc định 10)"),
    ("left_column_mm", "Cột trái của bảng đầu văn bản và bảng chữ ký, mm (mặc định 65)"),
    ("right_column_mm", "Cột phải, mm (mặc định 100)"),
    ("parent_size_pt", "Cỡ chữ cơ quan chủ quản, pt (mặc định 13)"),
    ("issuer_size_pt", "Cỡ chữ cơ quan ban hành, pt (mặc định 13)"),
    ("number_size_pt", "Cỡ chữ dòng Số, pt (mặc định 13)"),
    ("national_title_size_pt", "Cỡ chữ Quốc hiệu, pt (mặc định 13)"),
    ("motto_size_pt", "Cỡ chữ Tiêu ngữ, pt (mặc định 14)"),
    ("date_line_size_pt", "Cỡ chữ dòng địa danh, ngày tháng, pt (mặc định 14)"),
    ("doc_type_size_pt", "Cỡ chữ THÔNG BÁO, pt (mặc định 14)"),
    ("summary_size_pt", "Cỡ chữ trích yếu, pt (mặc định 14)"),
    ("body_size_pt", "Cỡ chữ nội dung, pt (mặc định 14)"),
    ("recipients_heading_size_pt", "Cỡ chữ Nơi nhận:, pt (mặc định 12)"),
    ("recipients_size_pt", "Cỡ chữ các dòng nơi nhận, pt (mặc định 11)"),
    ("signer_size_pt", "Cỡ chữ thẩm quyền, chức vụ, họ tên người ký, pt (mặc định 14)"),
    ("page_number_size_pt", "Cỡ chữ số trang (từ trang 2), pt (mặc định 14)"),
    ("table_size_pt", "Cỡ chữ trong bảng (danh sách nhiệm vụ của báo cáo), pt (mặc định 12)"),
    ("table_cell_padding_pt", "Khoảng đệm trong mỗi ô của bảng báo cáo, pt"),
    ("table_border_pt", "Độ dày đường viền bảng báo cáo, pt"),
    ("appendix_heading_size_pt", "Cỡ chữ các dòng đầu phụ lục (Phụ lục, tên phụ lục, Kèm theo …), pt (mặc định 14)"),
    ("appendix_heading_space_after_pt", "Khoảng cách giữa các dòng đầu phụ lục và bảng, pt (mặc định 12)"),
    ("body_indent_mm", "Thụt đầu dòng đoạn nội dung, mm (mặc định 10)"),
    ("body_space_before_pt", "Khoảng cách trước mỗi đoạn nội dung, pt (mặc định 6)"),
    ("body_line_pt", "Khoảng cách dòng (chính xác) của nội dung, pt (mặc định 18)"),
    ("doc_type_space_before_pt", "Khoảng cách giữa phần đầu và chữ THÔNG BÁO, pt (mặc định 12)"),
    ("signature_table_space_before_pt", "Khoảng cách giữa nội dung và bảng chữ ký, pt (mặc định 6)"),
    ("signature_space_mm", "Khoảng trống để ký và đóng dấu, mm (mặc định 25)"),
    ("recipients_below_space_pt", "Khoảng cách giữa chữ ký và Nơi nhận in bên dưới (biên bản), pt (mặc định 12)"),
    ("rule_thickness_pt", "Độ dày các đường kẻ, pt (mặc định 0,75)"),
    ("rule_gap_pt", "Khoảng cách giữa dòng chữ và đường kẻ dưới nó, pt (mặc định 5)"),
    ("rule_space_after_pt", "Khoảng cách dưới đường kẻ, pt (mặc định 6)"),
    ("issuer_rule_ratio", "Đường kẻ dưới tên cơ quan, tỉ lệ so với độ rộng tên (mặc định 1/3)"),
    ("summary_rule_ratio", "Đường kẻ dưới trích yếu, tỉ lệ so với dòng dài nhất (mặc định 1/3)"),
    ("summary_max_width_ratio", "Dòng dài nhất của trích yếu, tỉ lệ so với chiều rộng vùng chữ (mặc định 0,75)"),
];

/// The range a numeric `layout` key accepts: (exclusive minimum, maximum),
/// the validator's own rule ([`crate::layout::Layout::range`]).
pub fn layout_range(name: &str) -> (f64, f64) {
    let (min, max, _) = crate::layout::Layout::range(name);
    (min, max)
}

fn described(mut v: Value, doc: &str) -> Value {
    if let Value::Object(m) = &mut v {
        m.insert("description".into(), Value::String(doc.to_string()));
    }
    v
}

/// A scalar read as text (never null: for list items and required fields).
fn text_value() -> Value {
    json!({"type": ["string", "number", "boolean"], "pattern": NOT_BLANK})
}

fn nullable_text() -> Value {
    json!({"type": ["string", "number", "boolean", "null"], "pattern": NOT_BLANK})
}

/// A field's description for an editor: its text, the documents that
/// need it, its default.
fn field_doc(field: &Field) -> String {
    let mut doc = crate::text::upper_first(field.doc);
    match field.need {
        Need::NONE => {}
        Need::ALWAYS => doc.push_str(" (bắt buộc)"),
        need => doc.push_str(&format!(" (bắt buộc cho {})", need.names())),
    }
    match field.default {
        Default::None => {}
        Default::Bool(b) => doc.push_str(&format!(". Mặc định: {b}")),
        Default::Text(t) | Default::Described(t) => doc.push_str(&format!(". Mặc định: {t}")),
        Default::From(path) => doc.push_str(&format!(". Mặc định: như `{path}`")),
    }
    doc
}

/// The schema of a field's value. `in_item`: the field belongs to a list
/// item (a section or a task), never merged, so its required fields are
/// required here; `depth`: the depth of the task it belongs to (0: none).
fn value_schema(field: &Field, in_item: bool, depth: usize) -> Value {
    let nullable = !(in_item && field.need == Need::ALWAYS);
    let v = match field.kind {
        Kind::Text | Kind::Title | Kind::Markdown if nullable => nullable_text(),
        Kind::Text | Kind::Title | Kind::Markdown => text_value(),
        Kind::Date => json!({"type": ["string", "null"], "pattern": DATE_PATTERN}),
        Kind::TextList | Kind::Units => json!({
            "anyOf": [
                nullable_text(),
                {"type": "array", "items": text_value()}
            ]
        }),
        Kind::Bool => json!({"type": ["boolean", "null"]}),
        Kind::Number => json!({
            "anyOf": [
                {"type": "integer", "minimum": 1, "maximum": 999_999},
                {"type": "string", "pattern": r"^\s*0*[1-9][0-9]{0,5}\s*$"},
                {"type": "null"}
            ]
        }),
        Kind::Millimetres(min, max) => json!({
            "anyOf": [
                {"type": "number", "exclusiveMinimum": min, "maximum": max},
                {"type": "null"}
            ]
        }),
        Kind::Status => json!({"enum": ["open", "done", "cancelled", null]}),
        Kind::Group(fields) | Kind::Document(_, fields) => object_schema(fields, true, false, 0),
        Kind::Sections(_) => json!({
            "type": ["array", "null"],
            "minItems": 1,
            "items": {"$ref": "#/definitions/agendaItem"}
        }),
        Kind::Tasks => tasks_schema(depth + 1),
        Kind::Departments => json!({
            "type": ["object", "null"],
            "additionalProperties": described(text_value(), "Tên đầy đủ của đơn vị có mã này")
        }),
        Kind::Layout => layout_schema(),
        Kind::Series => json!({
            "type": ["object", "null"],
            "additionalProperties": {
                "anyOf": [
                    {"enum": crate::model::format::DOCUMENT_TYPES},
                    {"type": "array", "items": {"enum": crate::model::format::DOCUMENT_TYPES}}
                ]
            }
        }),
    };
    described(v, &field_doc(field))
}

fn tasks_schema(depth: usize) -> Value {
    if depth > MAX_TASK_DEPTH {
        // Below the deepest level: only an empty `subtasks:` is accepted.
        return json!({"type": "null"});
    }
    json!({"type": ["array", "null"], "items": {"$ref": format!("#/definitions/task{depth}")}})
}

fn object_schema(fields: &[Field], nullable: bool, in_item: bool, depth: usize) -> Value {
    let mut props = Map::new();
    for field in fields {
        props.insert(field.name.to_string(), value_schema(field, in_item, depth));
    }
    let required: Vec<&str> = fields
        .iter()
        .filter(|f| in_item && f.need == Need::ALWAYS)
        .map(|f| f.name)
        .collect();
    let mut v = json!({
        "type": if nullable { json!(["object", "null"]) } else { json!("object") },
        "additionalProperties": false,
        "properties": props,
    });
    if !required.is_empty() {
        v["required"] = json!(required);
    }
    v
}

fn task_schema(depth: usize) -> Value {
    let level = match depth {
        1 => "Nhiệm vụ (đánh số 1., 2., …)",
        2 => "Ý con của nhiệm vụ (in bắt đầu bằng \"- \")",
        _ => "Ý con cấp 3",
    };
    let mut schema = object_schema(TASK, false, true, depth);
    if depth == MAX_TASK_DEPTH {
        schema["properties"]["subtasks"]["description"] =
            json!("Không dùng ở cấp này: các ý con lồng tối đa 3 cấp");
    }
    described(schema, level)
}

fn layout_schema() -> Value {
    let doc = |name: &str| -> String {
        LAYOUT_DOCS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, d)| d.to_string())
            .unwrap_or_else(|| {
                let unit = if name.ends_with("_mm") {
                    "mm"
                } else if name.ends_with("_pt") {
                    "pt"
                } else {
                    "tỉ lệ"
                };
                format!("{name} ({unit})")
            })
    };
    let mut props = Map::new();
    for name in ["font_family", "font_dir"] {
        props.insert(name.into(), described(nullable_text(), &doc(name)));
    }
    for (name, _) in Layout::FIELDS {
        let (min, max) = layout_range(name);
        props.insert(
            name.to_string(),
            described(
                json!({"type": ["number", "null"], "exclusiveMinimum": min, "maximum": max}),
                &doc(name),
            ),
        );
    }
    json!({"type": ["object", "null"], "additionalProperties": false, "properties": props})
}

/// The JSON Schema of a meeting file (and of `ketluan.yaml`, which holds
/// the same fields).
pub fn meeting_schema() -> Value {
    let mut definitions = Map::new();
    definitions.insert(
        "agendaItem".into(),
        described(
            object_schema(AGENDA_ITEM, false, true, 0),
            "Một mục kết luận: title, conclusion, tasks, after",
        ),
    );
    for depth in 1..=MAX_TASK_DEPTH {
        definitions.insert(format!("task{depth}"), task_schema(depth));
    }
    let mut root = object_schema(ROOT, true, false, 0);
    let extra = json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "Một cuộc họp: giấy mời, biên bản, thông báo kết luận (ketluan, định dạng v2)",
        "description": format!(
            "Một cuộc họp mỗi tệp; các trường dùng chung đặt trong ketluan.yaml. Lược đồ của ketluan {}; `ketluan check` kiểm tra đầy đủ.",
            env!("CARGO_PKG_VERSION")
        ),
        "definitions": definitions,
    });
    if let (Value::Object(r), Value::Object(e)) = (&mut root, extra) {
        for (k, v) in e {
            r.insert(k, v);
        }
    }
    root
}

/// The schema as pretty JSON text, ending with a new line.
pub fn meeting_schema_text() -> String {
    let mut s = serde_json::to_string_pretty(&meeting_schema()).expect("a JSON value serializes");
    s.push('\n');
    s
}

/// The property names the schema allows at a place, for the agreement test:
/// `""` (the root), a block by its path (`issuer`, `meeting.chair`,
/// `invitation.signer`, `layout`, …), `agenda[]`, `task1` … `task3`.
pub fn property_names(place: &str) -> Vec<String> {
    let schema = meeting_schema();
    let node = match place {
        "" => &schema,
        "agenda[]" => &schema["definitions"]["agendaItem"],
        p if p.starts_with("task") => &schema["definitions"][p],
        p => p
            .split('.')
            .fold(&schema, |node, key| &node["properties"][key]),
    };
    node["properties"]
        .as_object()
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_has_a_description_and_every_layout_key_its_own() {
        fn walk(v: &Value, path: &str) {
            if let Some(props) = v.get("properties").and_then(Value::as_object) {
                for (name, p) in props {
                    let d = p.get("description").and_then(Value::as_str);
                    assert!(
                        d.is_some_and(|d| !d.is_empty()),
                        "{path}.{name} has no description"
                    );
                    walk(p, &format!("{path}.{name}"));
                }
            }
        }
        let s = meeting_schema();
        walk(&s, "");
        for (name, def) in s["definitions"].as_object().unwrap() {
            walk(def, name);
        }
        for (name, _) in Layout::FIELDS {
            assert!(
                LAYOUT_DOCS.iter().any(|(n, _)| n == name),
                "layout.{name}: write its Vietnamese description in LAYOUT_DOCS"
            );
        }
        for (name, _) in LAYOUT_DOCS {
            assert!(
                ["font_family", "font_dir"].contains(name)
                    || Layout::FIELDS.iter().any(|(n, _)| n == name),
                "LAYOUT_DOCS names `{name}`, which layout does not have"
            );
        }
    }

    #[test]
    fn tasks_nest_three_levels() {
        let s = meeting_schema();
        assert_eq!(
            s["definitions"]["task1"]["properties"]["subtasks"]["items"]["$ref"],
            "#/definitions/task2"
        );
        assert_eq!(
            s["definitions"]["task3"]["properties"]["subtasks"]["type"],
            "null"
        );
        assert_eq!(property_names("task2"), property_names("task1"));
        assert!(property_names("meeting.chair").contains(&"title".to_string()));
    }
}
