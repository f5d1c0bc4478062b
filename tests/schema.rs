//! The editor schema (`ketluan schema`) against the validator: the same
//! field names at every kind of mapping (asked of the validator itself), the
//! same verdict on wrong types, the shipped examples accepted, misspelt
//! fields and broken fixtures refused. YAML is converted to JSON with
//! serde-saphyr and checked with the `jsonschema` crate.

mod common;

use std::path::{Path, PathBuf};

use common::*;
use serde_json::{json, Value};

fn schema_validator() -> jsonschema::Validator {
    let out = ketluan_ok(&["schema"]);
    let schema: Value = serde_json::from_slice(&out.stdout).expect("the schema is JSON");
    assert_eq!(schema, ketluan::jsonschema::meeting_schema());
    jsonschema::validator_for(&schema).expect("a valid draft-07 schema")
}

fn yaml_to_json(path: &Path) -> Option<Value> {
    let text = std::fs::read_to_string(path).ok()?;
    serde_saphyr::from_str::<Value>(&text).ok()
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            yaml_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "yaml") {
            out.push(p);
        }
    }
}

fn errors(v: &jsonschema::Validator, instance: &Value) -> String {
    v.iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_shipped_examples_and_defaults_files_are_valid() {
    let v = schema_validator();
    let mut files = Vec::new();
    yaml_files(&root().join("meetings"), &mut files);
    assert!(files.len() >= 3, "{files:?}");
    for f in files {
        let doc = yaml_to_json(&f).unwrap();
        assert!(v.is_valid(&doc), "{}:\n{}", f.display(), errors(&v, &doc));
    }
}

#[test]
fn a_misspelt_field_is_refused() {
    let v = schema_validator();
    let mut doc = yaml_to_json(&root().join(EXAMPLE)).unwrap();
    let meeting = doc["meeting"].as_object_mut().unwrap();
    let attendees = meeting.remove("attendees").unwrap();
    meeting.insert("atendees".into(), attendees);
    assert!(!v.is_valid(&doc));
    assert!(
        errors(&v, &doc).contains("atendees"),
        "{}",
        errors(&v, &doc)
    );
}

#[test]
fn the_broken_fixtures_of_schema_kind_are_refused() {
    let v = schema_validator();
    let dir = root().join("tests/fixtures/broken");
    for name in [
        "bad-status",
        "subtask-bad-status",
        "subtasks-too-deep",
        "empty-agenda",
        "missing-task-do",
        "date-malformed",
        "type-agenda-string",
        "type-notice-number-text",
        "type-recipients-from-tasks-text",
        "type-recipients-mapping",
        "unknown-atendees",
        "unknown-task-deadline",
        "unknown-titel",
    ] {
        let path = dir.join(format!("{name}.yaml"));
        let doc = yaml_to_json(&path).unwrap_or_else(|| panic!("{name} parses as YAML"));
        assert!(!v.is_valid(&doc), "{name} passes the schema");
        assert!(
            ketluan::model::load_meeting(&path).diagnostics.has_errors(),
            "{name} is refused by the validator too"
        );
    }
}

/// A small meeting that uses every kind of mapping, valid for both.
fn base() -> Value {
    json!({
        "issuer": {"name": "Ủy ban nhân dân tỉnh Lai Châu", "code": "UBND", "place": "Lai Châu"},
        "notice": {"number": 25, "date": "2021-01-27", "summary": "Kết luận tại phiên họp tháng 01"},
        "invitation": {
            "summary": "Họp Ủy ban nhân dân tỉnh tháng 01",
            "signer": {"position": "Chánh Văn phòng", "name": "Lê Văn C"}
        },
        "minutes": {"number": 3, "proceedings": "Các đại biểu phát biểu."},
        "meeting": {
            "name": "phiên họp tháng 01 năm 2021",
            "date": "2021-01-25",
            "time": "08 giờ 00",
            "ends": "11 giờ 30",
            "location": "Phòng họp số 2",
            "chair": {"name": "Nguyễn Văn A", "title": "Chủ tịch UBND tỉnh"},
            "secretary": {"name": "Trần Thị D", "title": "Chuyên viên"},
            "attendees": ["các đồng chí Ủy viên Ủy ban nhân dân tỉnh"]
        },
        "agenda": [{
            "title": "Về việc thử",
            "tasks": [{
                "do": "Làm việc một.",
                "subtasks": [{"do": "Ý con.", "subtasks": [{"do": "Ý con cấp ba."}]}]
            }]
        }],
        "signer": {"authority": ["TM. ỦY BAN NHÂN DÂN"], "position": "Chủ tịch", "name": "Trần Văn B"},
        "departments": {},
        "layout": {}
    })
}

/// Each kind of mapping: (the schema's name for it, its JSON pointer in [`base`]).
const PLACES: &[(&str, &str)] = &[
    ("", ""),
    ("issuer", "/issuer"),
    ("notice", "/notice"),
    ("meeting", "/meeting"),
    ("meeting.chair", "/meeting/chair"),
    ("meeting.secretary", "/meeting/secretary"),
    ("invitation", "/invitation"),
    ("invitation.signer", "/invitation/signer"),
    ("minutes", "/minutes"),
    ("signer", "/signer"),
    ("layout", "/layout"),
    ("agenda[]", "/agenda/0"),
    ("task1", "/agenda/0/tasks/0"),
    ("task2", "/agenda/0/tasks/0/subtasks/0"),
    ("task3", "/agenda/0/tasks/0/subtasks/0/subtasks/0"),
];

/// Loads a document (JSON is YAML) with the real validator.
fn validate(dir: &Path, doc: &Value) -> ketluan::model::Loaded {
    let path = dir.join("hop.yaml");
    std::fs::write(&path, serde_json::to_string_pretty(doc).unwrap()).unwrap();
    ketluan::model::load_meeting(&path)
}

#[test]
fn the_schema_allows_exactly_the_fields_the_validator_allows() {
    let dir = tempfile::tempdir().unwrap();
    assert!(!validate(dir.path(), &base()).diagnostics.has_errors());
    for (place, pointer) in PLACES {
        let mut doc = base();
        doc.pointer_mut(pointer)
            .unwrap()
            .as_object_mut()
            .unwrap()
            .insert("zzqx".into(), json!(1));
        let loaded = validate(dir.path(), &doc);
        let hint = loaded
            .diagnostics
            .iter()
            .find(|d| d.field.as_deref().is_some_and(|f| f.ends_with("zzqx")))
            .and_then(|d| d.hint.clone())
            .unwrap_or_else(|| panic!("{place}: the validator refuses an unknown field"));
        let listed = hint
            .strip_prefix("các trường được dùng ở đây: ")
            .unwrap_or_else(|| panic!("{place}: {hint}"));
        let mut validator: Vec<&str> = listed.split(", ").collect();
        validator.sort();
        let mut schema = ketluan::jsonschema::property_names(place);
        schema.sort();
        assert_eq!(
            schema, validator,
            "fields at `{place}`: schema (left) and validator (right) must agree"
        );
    }
}

#[test]
fn the_schema_and_the_validator_agree_on_each_field_value() {
    let dir = tempfile::tempdir().unwrap();
    let v = schema_validator();
    let schema = ketluan::jsonschema::meeting_schema();
    let mut checked = 0;
    for (place, pointer) in PLACES {
        for name in ketluan::jsonschema::property_names(place) {
            // Whether a folder exists is not the schema's business.
            if name == "font_dir" {
                continue;
            }
            let mut probes = vec![json!({"a": 1}), json!("x"), json!(5)];
            if *place == "layout" && name != "font_family" {
                // Each side of every bound the validator has (by the key's ending).
                probes.extend(
                    [
                        0.0, 0.5, 1.0, 1.5, 3.0, 3.5, 49.0, 72.0, 72.5, 144.0, 144.5, 500.5,
                        1500.0, 1500.5,
                    ]
                    .map(|x| json!(x)),
                );
            }
            for probe in probes {
                let mut doc = base();
                doc.pointer_mut(pointer)
                    .unwrap()
                    .as_object_mut()
                    .unwrap()
                    .insert(name.clone(), probe.clone());
                let by_schema = v.is_valid(&doc);
                let loaded = validate(dir.path(), &doc);
                let by_validator = !loaded.diagnostics.has_errors();
                let why = loaded
                    .diagnostics
                    .iter()
                    .map(|d| d.headline(&loaded.sources))
                    .collect::<Vec<_>>()
                    .join("; ");
                assert_eq!(
                    by_schema,
                    by_validator,
                    "`{place}.{name}` = {probe}: schema says {by_schema}, validator {by_validator} ({why}); schema errors: {}",
                    errors(&v, &doc)
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 250, "{checked} probes");
    assert!(schema["definitions"]["task1"]["required"] == json!(["do"]));
}

#[test]
fn completions_are_generated_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = ketluan_ok(&["completions", shell]);
        let script = String::from_utf8_lossy(&out.stdout);
        for word in ["render", "watch", "schema", "prune", "force"] {
            assert!(script.contains(word), "{shell}: {word}");
        }
    }
    assert!(!ketluan(&["completions", "tcsh"]).status.success());
}

#[test]
fn new_names_the_schema_and_writes_it_beside_the_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let meetings = dir.path().join("meetings");
    std::fs::create_dir_all(meetings.join("2021")).unwrap();
    std::fs::write(meetings.join("ketluan.yaml"), "archive: [VT]\n").unwrap();
    let file = meetings.join("2021/hop.yaml");
    ketluan_ok(&["new", file.to_str().unwrap()]);
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(
        text.lines().next(),
        Some("# yaml-language-server: $schema=../ketluan.schema.json")
    );
    let schema: Value =
        serde_json::from_slice(&std::fs::read(meetings.join("ketluan.schema.json")).unwrap())
            .unwrap();
    assert_eq!(schema, ketluan::jsonschema::meeting_schema());
    // The skeleton starts at the invitation stage: its blanks are all in
    // blocks that may be completed from ketluan.yaml, which the editor
    // cannot know, so it marks none of them (`check` does).
    let v = schema_validator();
    let doc = yaml_to_json(&file).unwrap();
    let places: Vec<String> = v
        .iter_errors(&doc)
        .map(|e| e.instance_path.to_string())
        .collect();
    assert!(places.is_empty(), "{places:?}");
    assert!(doc.get("invitation").is_some() && doc.get("notice").is_none());
}
