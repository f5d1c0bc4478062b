//! In-place YAML editing (`ketluan::yaml_edit`): values change, every other
//! byte stays.

#[path = "common/diff.rs"]
mod diff;

use diff::line_diff as diff;
use ketluan::yaml_edit::{apply, Edit, EditError, Reason, Step, Value};
use proptest::prelude::*;

/// A path from `agenda.0.tasks.2.due` (numbers are indexes).
fn path(dotted: &str) -> Vec<Step> {
    dotted
        .split('.')
        .map(|s| s.parse().map_or_else(|_| Step::Key(s.into()), Step::Index))
        .collect()
}

fn text(s: &str) -> Value {
    Value::Text(s.into())
}

fn set(source: &str, at: &str, value: Value) -> String {
    apply(source, &[Edit::Set(path(at), value)]).unwrap_or_else(|e| panic!("{e}"))
}

fn refused(source: &str, edit: Edit) -> EditError {
    apply(source, &[edit]).expect_err("the edit should be refused")
}

/// The lines that differ: the original's and the result's, between their
/// common first and last lines.
fn changed<'a>(before: &'a str, after: &'a str) -> (Vec<&'a str>, Vec<&'a str>) {
    let a: Vec<&str> = before.split_inclusive('\n').collect();
    let b: Vec<&str> = after.split_inclusive('\n').collect();
    let head = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let tail = a[head..]
        .iter()
        .rev()
        .zip(b[head..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (
        a[head..a.len() - tail].to_vec(),
        b[head..b.len() - tail].to_vec(),
    )
}

fn read(file: &str) -> String {
    std::fs::read_to_string(file).unwrap()
}

/// Every meeting file of the repository the editor must handle.
const FILES: [&str; 8] = [
    "meetings/2021-01-25-phien-hop-ubnd-thang-01.yaml",
    "meetings/2021-02-24-hop-ubnd-thang-02.yaml",
    "meetings/van-phong/2021-03-15-hop-giao-ban-van-phong.yaml",
    "meetings/van-phong/ketluan.yaml",
    "tests/fixtures/archive/2021-01-25-hop-thang-01.yaml",
    "tests/fixtures/archive/2021-02-22-hop-thang-02.yaml",
    "tests/fixtures/archive/2021-03-01-du-thao.yaml",
    "tests/fixtures/archive/ketluan.yaml",
];

fn json(source: &str) -> serde_json::Value {
    serde_saphyr::from_str::<serde_json::Value>(source).unwrap()
}

// ---------------------------------------------------------------- scalars

#[test]
fn plain_scalar_with_comment_keeps_the_comment_at_its_column() {
    let src = "a: 1\ncode: VP        # chữ viết tắt\nb: 2\n";
    assert_eq!(
        set(src, "code", text("VPUB")),
        "a: 1\ncode: VPUB      # chữ viết tắt\nb: 2\n"
    );
    // Longer than the room: the comment keeps its distance.
    assert_eq!(
        set(src, "code", text("Văn phòng UBND tỉnh Lai Châu")),
        "a: 1\ncode: Văn phòng UBND tỉnh Lai Châu        # chữ viết tắt\nb: 2\n"
    );
}

#[test]
fn comment_columns_count_characters_not_bytes() {
    // `ă`, `ò`, `ệ` are two or three bytes each, one column each.
    let src = "tên: Văn phòng    # cơ quan\nx: 1\n";
    assert_eq!(
        set(src, "tên", text("VP")),
        "tên: VP           # cơ quan\nx: 1\n"
    );
    assert_eq!(
        set(src, "tên", text("Sở Kế hoạch")),
        "tên: Sở Kế hoạch  # cơ quan\nx: 1\n"
    );
}

#[test]
fn quoted_scalars_are_replaced_whole() {
    let src = "s: 'it''s'  # one\nd: \"a \\\" b\"\nn: x\n";
    assert_eq!(
        set(src, "s", text("Sở Nội vụ")),
        "s: Sở Nội vụ  # one\nd: \"a \\\" b\"\nn: x\n"
    );
    assert_eq!(set(src, "d", text("b")), "s: 'it''s'  # one\nd: b\nn: x\n");
}

#[test]
fn block_scalars_literal_strip_and_folded() {
    let src = "a: |\n  line 1\n\n  line 2\n\nb: |-\n  x\nc: >  # gấp\n  folded\n  text\nd: 1\n";
    assert_eq!(
        set(src, "a", text("mới")),
        "a: mới\n\nb: |-\n  x\nc: >  # gấp\n  folded\n  text\nd: 1\n"
    );
    assert_eq!(
        set(src, "b", text("y\nz")),
        "a: |\n  line 1\n\n  line 2\n\nb: |-\n  y\n  z\nc: >  # gấp\n  folded\n  text\nd: 1\n"
    );
    assert_eq!(
        set(src, "c", text("một\nhai\n")),
        "a: |\n  line 1\n\n  line 2\n\nb: |-\n  x\nc: |  # gấp\n  một\n  hai\nd: 1\n"
    );
}

#[test]
fn empty_value_gets_the_value_before_its_comment() {
    let src = "task:\n  do: x\n  due:   # thời hạn\n  lead:\n";
    assert_eq!(
        set(src, "task.due", text("2021-03-31")),
        "task:\n  do: x\n  due: 2021-03-31   # thời hạn\n  lead:\n"
    );
    assert_eq!(
        set(src, "task.lead", text("Sở Y tế")),
        "task:\n  do: x\n  due:   # thời hạn\n  lead: Sở Y tế\n"
    );
}

#[test]
fn multi_line_plain_quoted_and_flow_values_are_replaced_whole() {
    let src = "a: one\n  two\nb: \"x\n  y\"  # c\nc: [p,\n  q]   # d\ne: 1\n";
    assert_eq!(
        set(src, "a", text("z")),
        "z".replace('z', "a: z\nb: \"x\n  y\"  # c\nc: [p,\n  q]   # d\ne: 1\n")
    );
    assert_eq!(
        set(src, "b", text("z")),
        "a: one\n  two\nb: z  # c\nc: [p,\n  q]   # d\ne: 1\n"
    );
    assert_eq!(
        set(src, "c", text("z")),
        "a: one\n  two\nb: \"x\n  y\"  # c\nc: z   # d\ne: 1\n"
    );
}

// ------------------------------------------------- how new values are written

#[test]
fn plain_when_safe_else_double_quoted() {
    let cases = [
        ("Sở Tài chính", "Sở Tài chính"),
        ("2021-03-31", "2021-03-31"),
        ("08 giờ 00", "08 giờ 00"),
        ("12", "\"12\""),
        ("1.5", "\"1.5\""),
        ("0x1F", "\"0x1F\""),
        ("-3", "\"-3\""),
        (".inf", "\".inf\""),
        ("yes", "\"yes\""),
        ("N", "\"N\""),
        ("Off", "\"Off\""),
        ("null", "\"null\""),
        ("~", "\"~\""),
        ("", "\"\""),
        ("a: b", "\"a: b\""),
        ("a #b", "\"a #b\""),
        ("a#b", "a#b"),
        ("- item", "\"- item\""),
        ("*alias", "\"*alias\""),
        ("&x", "\"&x\""),
        ("!t", "\"!t\""),
        ("'q'", "\"'q'\""),
        ("say \"hi\"", "say \"hi\""),
        ("\"hi\"", "\"\\\"hi\\\"\""),
        ("ends:", "\"ends:\""),
        (" lead", "\" lead\""),
        ("tab\there", "\"tab\\there\""),
        ("bell\u{7}", "\"bell\\u0007\""),
    ];
    for (value, written) in cases {
        assert_eq!(
            set("k: old\n", "k", text(value)),
            format!("k: {written}\n"),
            "{value:?}"
        );
    }
    assert_eq!(set("k: old\n", "k", Value::Int(12)), "k: 12\n");
    assert_eq!(set("k: old\n", "k", Value::Int(-7)), "k: -7\n");
    assert_eq!(set("k: old\n", "k", Value::Bool(true)), "k: true\n");
}

#[test]
fn texts_with_line_breaks_are_literal_blocks() {
    let src = "agenda:\n  - title: T\n    do: old\n";
    assert_eq!(
        set(src, "agenda.0.do", text("Một.\n\nHai.")),
        "agenda:\n  - title: T\n    do: |-\n      Một.\n\n      Hai.\n"
    );
    assert_eq!(
        set(src, "agenda.0.do", text("Một.\nHai.\n")),
        "agenda:\n  - title: T\n    do: |\n      Một.\n      Hai.\n"
    );
    // What a block cannot carry is double-quoted.
    assert_eq!(
        set(src, "agenda.0.do", text("  lề\nx")),
        "agenda:\n  - title: T\n    do: \"  lề\\nx\"\n"
    );
    assert_eq!(
        set(src, "agenda.0.do", text("x\n\n")),
        "agenda:\n  - title: T\n    do: \"x\\n\\n\"\n"
    );
    // A list item's own text.
    assert_eq!(
        set("l:\n  - a\n  - b\n", "l.1", text("c\nd")),
        "l:\n  - a\n  - |-\n    c\n    d\n"
    );
}

#[test]
fn new_lists_follow_the_files_list_indentation() {
    let list = Value::List(vec![text("STC"), text("SNV: phối hợp")]);
    let indented = "with:\n  - x\nrecipients: VT\n";
    assert_eq!(
        set(indented, "recipients", list.clone()),
        "with:\n  - x\nrecipients:\n  - STC\n  - \"SNV: phối hợp\"\n"
    );
    let flush = "with:\n- x\nm:\n  recipients: VT\n";
    assert_eq!(
        set(flush, "m.recipients", list.clone()),
        "with:\n- x\nm:\n  recipients:\n  - STC\n  - \"SNV: phối hợp\"\n"
    );
    // No list in the file: indented by two.
    assert_eq!(
        set("a: 1\n", "a", list),
        "a:\n  - STC\n  - \"SNV: phối hợp\"\n"
    );
}

#[test]
fn new_mappings_are_block_mappings() {
    let chair = Value::Map(vec![
        ("name".into(), text("Lê Văn C")),
        ("title".into(), text("Chánh Văn phòng")),
        ("with".into(), Value::List(vec![text("a"), text("b")])),
    ]);
    assert_eq!(
        set("meeting:\n    chair: x  # chủ trì\n    date: 2021-01-01\n", "meeting.chair", chair.clone()),
        "meeting:\n    chair:    # chủ trì\n        name: Lê Văn C\n        title: Chánh Văn phòng\n        with:\n          - a\n          - b\n    date: 2021-01-01\n"
    );
    assert_eq!(
        set("l:\n  - x\n", "l.0", chair),
        "l:\n  - name: Lê Văn C\n    title: Chánh Văn phòng\n    with:\n      - a\n      - b\n"
    );
}

#[test]
fn block_values_become_scalars_and_back() {
    let src = "tasks:  # việc\n  - a\n  - b\nnext: 1\n";
    assert_eq!(
        set(src, "tasks", text("none")),
        "tasks: none  # việc\nnext: 1\n"
    );
    let back = set(
        "tasks: none  # việc\nnext: 1\n",
        "tasks",
        Value::List(vec![text("a")]),
    );
    assert_eq!(back, "tasks:       # việc\n  - a\nnext: 1\n");
}

#[test]
fn a_key_is_added_after_the_last_key_of_its_mapping() {
    let src = "task:\n  do: x  # việc\n  sub:\n    - y\n\nnext: 1\n";
    assert_eq!(
        set(src, "task.status", text("done")),
        "task:\n  do: x  # việc\n  sub:\n    - y\n  status: done\n\nnext: 1\n"
    );
    assert_eq!(
        set("chair: {name: A}\n", "chair.title", text("B")),
        "chair: {name: A, title: B}\n"
    );
    assert_eq!(
        set("chair: {}\n", "chair.title", text("B")),
        "chair: {title: B}\n"
    );
    assert_eq!(
        set("chair:\nx: 1\n", "chair.title", text("B")),
        "chair:\n  title: B\nx: 1\n"
    );
    // In a list item's mapping, at its keys' column.
    assert_eq!(
        set("- lead: A\n  do: B\n", "0.due", text("2021-03-31")),
        "- lead: A\n  do: B\n  due: 2021-03-31\n"
    );
}

// ------------------------------------------------------------ flow collections

#[test]
fn flow_lists_replaced_whole_stay_flow_when_short() {
    let src = "archive: [VT, TH]  # lưu\n";
    assert_eq!(
        set(
            src,
            "archive",
            Value::List(vec![text("VT"), text("TH"), text("KT")])
        ),
        "archive: [VT, TH, KT]  # lưu\n"
    );
    assert_eq!(
        set(src, "archive", Value::List(vec![text("VT"), text("a, b")])),
        "archive:           # lưu\n  - VT\n  - a, b\n"
    );
}

#[test]
fn flow_items_are_edited_in_place() {
    let src = "with: [\"các sở, ngành\", UBND]  # x\nchair: {name: A, title: B}\n";
    assert_eq!(
        set(src, "with.1", text("Sở Y tế, Sở Tài chính")),
        "with: [\"các sở, ngành\", \"Sở Y tế, Sở Tài chính\"]  # x\nchair: {name: A, title: B}\n"
    );
    assert_eq!(
        set(src, "chair.name", text("Tống Thanh Hải")),
        "with: [\"các sở, ngành\", UBND]  # x\nchair: {name: Tống Thanh Hải, title: B}\n"
    );
    assert_eq!(
        set(src, "chair.title", text("dòng 1\ndòng 2")),
        "with: [\"các sở, ngành\", UBND]  # x\nchair: {name: A, title: \"dòng 1\\ndòng 2\"}\n"
    );
    let edits = [
        Edit::Remove(path("with.0")),
        Edit::Insert(path("with"), 1, text("STC")),
        Edit::Insert(path("with"), 0, text("SNV")),
        Edit::Remove(path("chair.title")),
    ];
    assert_eq!(
        apply(src, &edits).unwrap(),
        "with: [SNV, UBND, STC]  # x\nchair: {name: A}\n"
    );
    assert_eq!(
        apply("a: [x]\n", &[Edit::Remove(path("a.0"))]).unwrap(),
        "a: []\n"
    );
    assert_eq!(
        apply("a: []\n", &[Edit::Insert(path("a"), 0, text("x"))]).unwrap(),
        "a: [x]\n"
    );
}

// ------------------------------------------------------- removal and insertion

const TASKS: &str = "\
agenda:
  - title: Về công tác
    tasks:
      # Việc thứ nhất.
      - lead: SNV
        do: |
          Trình kế hoạch.

          Báo cáo.
        due: 2021-02-06   # hạn
      - lead: SYT
        do: Tổng hợp.
        subtasks:
          - lead: STC
            do: Bố trí kinh phí.
      - do: Góp ý.
closing: Hết.
";

#[test]
fn a_multi_line_item_is_removed_whole_with_its_comment() {
    let out = apply(TASKS, &[Edit::Remove(path("agenda.0.tasks.0"))]).unwrap();
    let (old, new) = changed(TASKS, &out);
    assert!(new.is_empty());
    assert_eq!(old.len(), 7);
    assert!(old[0].contains("# Việc thứ nhất.") && old[6].contains("due: 2021-02-06"));
    let out = apply(TASKS, &[Edit::Remove(path("agenda.0.tasks.1"))]).unwrap();
    assert_eq!(changed(TASKS, &out).0.len(), 5);
    assert!(out.contains("Góp ý") && !out.contains("SYT") && out.contains("Báo cáo"));
}

#[test]
fn removing_the_last_item_leaves_an_empty_list() {
    let edits = [
        Edit::Remove(path("agenda.0.tasks.1.subtasks.0")),
        Edit::Remove(path("agenda.0.tasks.2")),
        Edit::Remove(path("agenda.0.tasks.0")),
        Edit::Remove(path("agenda.0.tasks.0")),
    ];
    let out = apply(TASKS, &edits).unwrap();
    assert_eq!(
        out,
        "agenda:\n  - title: Về công tác\n    tasks: []\nclosing: Hết.\n"
    );
    let out = apply("a:\n  - x  # c\nb: 1\n", &[Edit::Remove(path("a.0"))]).unwrap();
    assert_eq!(out, "a: []\nb: 1\n");
}

#[test]
fn keys_are_removed_with_their_attached_comments() {
    let src = "# tệp\n\n# Cơ quan ban hành.\nissuer:\n  name: A\n\n# Người ký.\nsigner:\n  name: B\n  # chức vụ\n  position: C\n";
    assert_eq!(
        apply(src, &[Edit::Remove(path("issuer"))]).unwrap(),
        "# tệp\n\n# Người ký.\nsigner:\n  name: B\n  # chức vụ\n  position: C\n"
    );
    assert_eq!(
        apply(src, &[Edit::Remove(path("signer.position"))]).unwrap(),
        "# tệp\n\n# Cơ quan ban hành.\nissuer:\n  name: A\n\n# Người ký.\nsigner:\n  name: B\n"
    );
    assert_eq!(
        apply(src, &[Edit::Remove(path("signer.name"))]).unwrap(),
        "# tệp\n\n# Cơ quan ban hành.\nissuer:\n  name: A\n\n# Người ký.\nsigner:\n  # chức vụ\n  position: C\n"
    );
    // The first key of a list item's mapping: the next key moves up.
    assert_eq!(
        apply("- lead: A\n  do: B\n", &[Edit::Remove(path("0.lead"))]).unwrap(),
        "- do: B\n"
    );
    assert_eq!(
        apply("- lead: A\n", &[Edit::Remove(path("0.lead"))]).unwrap(),
        "- {}\n"
    );
}

#[test]
fn a_task_is_inserted_at_its_siblings_indentation() {
    let task = Value::Map(vec![
        ("lead".into(), text("Sở Tư pháp")),
        ("do".into(), text("Thẩm định.\nBáo cáo.")),
        ("due".into(), text("2021-03-31")),
    ]);
    let new = "      - lead: Sở Tư pháp\n        do: |-\n          Thẩm định.\n          Báo cáo.\n        due: 2021-03-31\n";
    let at_end = apply(
        TASKS,
        &[Edit::Insert(path("agenda.0.tasks"), 3, task.clone())],
    )
    .unwrap();
    assert_eq!(
        changed(TASKS, &at_end),
        (vec![], new.split_inclusive('\n').collect())
    );
    assert!(at_end.contains(&format!("Góp ý.\n{new}closing")));
    // Before an item, above its comment.
    let first = apply(
        TASKS,
        &[Edit::Insert(path("agenda.0.tasks"), 0, task.clone())],
    )
    .unwrap();
    assert!(first.contains(&format!("    tasks:\n{new}      # Việc thứ nhất.\n")));
    let sub = apply(
        TASKS,
        &[Edit::Insert(path("agenda.0.tasks.1.subtasks"), 1, task)],
    )
    .unwrap();
    assert!(sub.contains("            do: Bố trí kinh phí.\n          - lead: Sở Tư pháp\n            do: |-\n              Thẩm định.\n"));
    // Into an empty value, and into a list sharing its dash's line.
    assert_eq!(
        apply(
            "tasks:\nx: 1\n",
            &[Edit::Insert(path("tasks"), 0, text("a"))]
        )
        .unwrap(),
        "tasks:\n  - a\nx: 1\n"
    );
    assert_eq!(
        apply("- - a\n  - b\n", &[Edit::Insert(path("0"), 0, text("z"))]).unwrap(),
        "- - z\n  - a\n  - b\n"
    );
}

#[test]
fn later_paths_see_earlier_edits() {
    let edits = [
        Edit::Remove(path("agenda.0.tasks.0")),
        Edit::Set(path("agenda.0.tasks.0.status"), text("done")),
        Edit::Set(path("agenda.0.tasks.0.done_on"), text("2021-02-05")),
    ];
    let out = apply(TASKS, &edits).unwrap();
    assert!(out.contains("      - lead: SYT\n        do: Tổng hợp.\n        subtasks:\n          - lead: STC\n            do: Bố trí kinh phí.\n        status: done\n        done_on: 2021-02-05\n"));
}

// ------------------------------------------------ line endings, BOM, real files

#[test]
fn crlf_and_bom_are_kept() {
    let src =
        "\u{feff}# Tệp\r\nnotice:\r\n  number: 25\r\n  date:   # ngày\r\ntasks:\r\n  - do: x\r\n";
    let edits = [
        Edit::Set(path("notice.date"), text("2021-01-27")),
        Edit::Set(path("notice.summary"), text("Kết luận\nhai dòng")),
        Edit::Insert(path("tasks"), 1, Value::Map(vec![("do".into(), text("y"))])),
    ];
    assert_eq!(
        apply(src, &edits).unwrap(),
        "\u{feff}# Tệp\r\nnotice:\r\n  number: 25\r\n  date: 2021-01-27   # ngày\r\n  summary: |-\r\n    Kết luận\r\n    hai dòng\r\ntasks:\r\n  - do: x\r\n  - do: \"y\"\r\n"
    );
    // No line break at the end stays so.
    assert_eq!(set("a: 1\nb: 2", "b", Value::Int(3)), "a: 1\nb: 3");
    assert_eq!(set("a: 1\nb: |-\n  x", "b", text("z")), "a: 1\nb: z");
}

#[test]
fn real_files_change_only_the_edited_lines() {
    let src = read("tests/fixtures/archive/2021-01-25-hop-thang-01.yaml");
    let edits = [
        Edit::Set(path("agenda.0.tasks.2.status"), text("done")),
        Edit::Set(path("agenda.0.tasks.1.subtasks.0.due"), text("2021-02-20")),
        Edit::Set(path("meeting.chair.name"), text("Nguyễn Văn B")),
    ];
    let out = apply(&src, &edits).unwrap();
    assert_eq!(
        diff(&src, &out),
        (
            vec![
                "  chair: {name: Tống Thanh Hải, title: Phó Chủ tịch Thường trực UBND tỉnh}\n",
                "            due: \"20/02/2021\"\n",
            ],
            vec![
                "  chair: {name: Nguyễn Văn B, title: Phó Chủ tịch Thường trực UBND tỉnh}\n",
                "            due: 2021-02-20\n",
                "        status: done\n",
            ]
        )
    );
    let src = read("meetings/van-phong/ketluan.yaml");
    let out = set(&src, "issuer.code", text("VPUB"));
    assert_eq!(
        changed(&src, &out),
        (
            vec![
                "  code: VP                       # chữ viết tắt trong số ký hiệu: Số: 15/TB-VP\n"
            ],
            vec![
                "  code: VPUB                     # chữ viết tắt trong số ký hiệu: Số: 15/TB-VP\n"
            ]
        )
    );
    let src = read("meetings/2021-01-25-phien-hop-ubnd-thang-01.yaml");
    let out = set(&src, "agenda.0.conclusion", text("Ngắn gọn."));
    let (old, new) = changed(&src, &out);
    assert_eq!((old.len(), new), (6, vec!["    conclusion: Ngắn gọn.\n"]));
}

// ----------------------------------------------------------------- refusals

#[test]
fn refusals_name_the_path_and_the_reason() {
    let src = "base: &b\n  x: 1\nal: *b\nm:\n  <<: *b\n  z: 2\nt: !!str 12\nl: [1]\nagenda:\n  - tasks:\n      - due: 1\n";
    let cases = [
        (
            Edit::Set(path("agenda.0.tasks.2.due"), text("x")),
            Reason::NoIndex { index: 2, len: 1 },
        ),
        (
            Edit::Set(path("agenda.0.task.0"), text("x")),
            Reason::NoKey("task".into()),
        ),
        (
            Edit::Remove(path("agenda.0.tasks.0.lead")),
            Reason::NoKey("lead".into()),
        ),
        (
            Edit::Set(path("l.x"), text("x")),
            Reason::NotMap("x".into()),
        ),
        (Edit::Insert(path("base.x"), 0, text("x")), Reason::Anchor),
        (Edit::Set(path("base.x"), text("x")), Reason::Anchor),
        (Edit::Set(path("al"), text("x")), Reason::Alias),
        (Edit::Set(path("al.x"), text("x")), Reason::Alias),
        (Edit::Set(path("m.z"), text("x")), Reason::Alias),
        (Edit::Set(path("t"), text("x")), Reason::Tag),
        (
            Edit::Insert(path("l"), 3, text("x")),
            Reason::NoIndex { index: 3, len: 1 },
        ),
        (Edit::Insert(path("t"), 0, text("x")), Reason::Tag),
        (Edit::Remove(vec![]), Reason::EmptyPath),
    ];
    for (edit, reason) in cases {
        let shown = ketluan_path(edit.path());
        let err = refused(src, edit);
        assert_eq!((err.path.as_str(), &err.reason), (shown.as_str(), &reason));
    }
    let err = refused(src, Edit::Set(path("agenda.0.tasks.2.due"), text("x")));
    assert_eq!(
        err.to_string(),
        "cannot edit `agenda[0].tasks[2].due`: no item 2 (the list has 1)"
    );
    assert_eq!(
        refused("- a\n", Edit::Insert(path("0"), 0, text("x"))).reason,
        Reason::NotList
    );
}

fn ketluan_path(path: &[Step]) -> String {
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) if out.is_empty() => out.push_str(k),
            Step::Key(k) => out.push_str(&format!(".{k}")),
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}

#[test]
fn documents_with_errors_are_refused() {
    for file in std::fs::read_dir("tests/fixtures/broken").unwrap() {
        let file = file.unwrap().path();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with("yaml-") {
            continue;
        }
        let err = refused(
            &read(file.to_str().unwrap()),
            Edit::Set(path("notice.number"), Value::Int(1)),
        );
        assert!(matches!(err.reason, Reason::Invalid(_)), "{name}: {err}");
        assert_eq!(err.path, "notice.number");
    }
    let err = refused("a: 1\na: 2\n", Edit::Set(path("a"), Value::Int(3)));
    assert!(matches!(err.reason, Reason::Invalid(_)));
    let err = refused("a: 1\n---\nb: 2\n", Edit::Set(path("a"), Value::Int(3)));
    assert!(matches!(err.reason, Reason::Invalid(_)));
}

// ------------------------------------------------------------ property tests

/// Paths of the values of a document, as read by serde-saphyr: of its
/// scalars only, or of everything but the root.
fn paths(value: &serde_json::Value, scalars: bool) -> Vec<Vec<Step>> {
    fn walk(
        value: &serde_json::Value,
        scalars: bool,
        at: &mut Vec<Step>,
        out: &mut Vec<Vec<Step>>,
    ) {
        let children: Vec<(Step, &serde_json::Value)> = match value {
            serde_json::Value::Object(map) => {
                map.iter().map(|(k, v)| (Step::Key(k.clone()), v)).collect()
            }
            serde_json::Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (Step::Index(i), v))
                .collect(),
            _ => Vec::new(),
        };
        if !at.is_empty() && (!scalars || !(value.is_object() || value.is_array())) {
            out.push(at.clone());
        }
        for (step, v) in children {
            at.push(step);
            walk(v, scalars, at, out);
            at.pop();
        }
    }
    let mut out = Vec::new();
    walk(value, scalars, &mut Vec::new(), &mut out);
    out
}

fn pointer(path: &[Step]) -> String {
    path.iter()
        .map(|s| match s {
            Step::Key(k) => format!("/{}", k.replace('~', "~0").replace('/', "~1")),
            Step::Index(i) => format!("/{i}"),
        })
        .collect()
}

/// The 1-based lines a value stands on, key line included, from the
/// crate's spanned tree (the places only: the values are read by
/// serde-saphyr).
fn value_lines(source: &str, path: &[Step]) -> (usize, usize) {
    use ketluan::model::node::{parse, NodeKind};
    let mut sources = ketluan::diag::SourceMap::default();
    let id = sources.add("x.yaml".into(), source.to_owned());
    let mut node = parse(&sources, id).unwrap();
    let mut first = 0;
    for step in path {
        node = match (node.kind, step) {
            (NodeKind::Map(entries), Step::Key(k)) => {
                let (key, value) = entries.into_iter().find(|(key, _)| key.name == *k).unwrap();
                first = key.loc.line as usize;
                value
            }
            (NodeKind::Seq(mut items), Step::Index(i)) => {
                let item = items.swap_remove(*i);
                first = item.loc.line as usize;
                item
            }
            _ => unreachable!(),
        };
    }
    fn end(source: &str, node: &ketluan::model::node::Node) -> usize {
        let own = node.loc.offset
            + source[node.loc.offset..node.loc.offset + node.loc.len]
                .trim_end()
                .len();
        match &node.kind {
            NodeKind::Seq(items) => items.iter().map(|i| end(source, i)).fold(own, usize::max),
            NodeKind::Map(entries) => entries
                .iter()
                .map(|(_, v)| end(source, v))
                .fold(own, usize::max),
            _ => own,
        }
    }
    (
        first,
        source[..end(source, &node)].matches('\n').count() + 1,
    )
}

/// Checks that only lines of the value at `at` changed between `src` and
/// `out` (lines may be added among them).
fn only_value_lines_changed(src: &str, out: &str, at: &[Step]) -> Result<(), TestCaseError> {
    let body = src.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let (first, last) = value_lines(&body, at);
    let (old, _) = changed(src, out);
    let lines: Vec<&str> = src.split_inclusive('\n').collect();
    let start = lines
        .iter()
        .zip(out.split_inclusive('\n'))
        .take_while(|(a, b)| *a == b)
        .count()
        + 1;
    prop_assert!(
        old.is_empty() || (start >= first && start + old.len() - 1 <= last),
        "lines {}..{} changed, the value stands on {}..{}",
        start,
        start + old.len() - 1,
        first,
        last
    );
    prop_assert_eq!(src.starts_with('\u{feff}'), out.starts_with('\u{feff}'));
    if src.contains("\r\n") {
        prop_assert!(
            !out.replace("\r\n", "").contains('\n'),
            "a bare line feed in a CRLF file"
        );
    }
    Ok(())
}

/// A value to write: texts as in [`new_text`], numbers, booleans, nested
/// lists and mappings.
fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        4 => new_text().prop_map(Value::Text),
        1 => any::<i64>().prop_map(Value::Int),
        1 => any::<bool>().prop_map(Value::Bool),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::List),
            proptest::collection::btree_map("[a-zà-ỹ_]{1,6}|yes|due|12", inner, 0..4)
                .prop_map(|m| Value::Map(m.into_iter().collect())),
        ]
    })
}

fn to_json(value: &Value) -> serde_json::Value {
    match value {
        Value::Text(t) => t.clone().into(),
        Value::Int(i) => (*i).into(),
        Value::Bool(b) => (*b).into(),
        Value::List(items) => items.iter().map(to_json).collect(),
        Value::Map(entries) => entries
            .iter()
            .map(|(k, v)| (k.clone(), to_json(v)))
            .collect(),
    }
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Việt Nam".to_owned()),
        Just("Sở Nội vụ".to_owned()),
        Just(": ".to_owned()),
        Just(":".to_owned()),
        Just("#".to_owned()),
        Just(" #".to_owned()),
        Just("'".to_owned()),
        Just("\"".to_owned()),
        Just("\\".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("-".to_owned()),
        Just("- ".to_owned()),
        Just("*".to_owned()),
        Just("&".to_owned()),
        Just("!".to_owned()),
        Just("|".to_owned()),
        Just(">".to_owned()),
        Just("[a, b]".to_owned()),
        Just("{".to_owned()),
        Just("12".to_owned()),
        Just("1.5".to_owned()),
        Just("2021-03-31".to_owned()),
        Just("yes".to_owned()),
        Just("No".to_owned()),
        Just("null".to_owned()),
        Just("~".to_owned()),
        Just(" ".to_owned()),
        Just("\t".to_owned()),
        Just("---".to_owned()),
        "[a-zA-Zàáạơư0-9 ]{1,6}",
        any::<char>().prop_map(String::from),
    ]
}

/// Sets a value picked among a file's scalars (or all its values) and
/// checks the result with serde-saphyr and a line diff.
fn set_and_check(
    file: usize,
    pick: prop::sample::Index,
    new: Value,
    scalars: bool,
) -> Result<(), TestCaseError> {
    let src = &sources()[file];
    let before = json(src.trim_start_matches('\u{feff}'));
    let all = paths(&before, scalars);
    let at = pick.get(&all);
    let out = apply(src, &[Edit::Set(at.clone(), new.clone())])
        .map_err(|e| TestCaseError::fail(format!("{e} for {new:?}")))?;
    let mut expected = before.clone();
    *expected.pointer_mut(&pointer(at)).unwrap() = to_json(&new);
    prop_assert_eq!(json(out.trim_start_matches('\u{feff}')), expected);
    only_value_lines_changed(src, &out, at)
}

fn new_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..6).prop_map(|p| p.concat())
}

/// The repository's files, and one of them with CRLF line endings and a BOM.
fn sources() -> Vec<String> {
    let mut all: Vec<String> = FILES.iter().map(|f| read(f)).collect();
    all.push(format!("\u{feff}{}", all[4].replace('\n', "\r\n")));
    all
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn setting_a_scalar_changes_that_value_and_its_lines_only(
        file in 0..FILES.len() + 1,
        pick in any::<prop::sample::Index>(),
        new in new_text(),
    ) {
        set_and_check(file, pick, Value::Text(new), true)?;
    }

    #[test]
    fn setting_any_value_to_a_nested_value_changes_that_value_only(
        file in 0..FILES.len() + 1,
        pick in any::<prop::sample::Index>(),
        new in value(),
    ) {
        set_and_check(file, pick, new, false)?;
    }

    #[test]
    fn edits_together_equal_edits_one_by_one(
        file in 0..FILES.len() + 1,
        picks in proptest::collection::vec((0..6u8, any::<prop::sample::Index>(), value()), 1..8),
    ) {
        let src = &sources()[file];
        let before = json(src.trim_start_matches('\u{feff}'));
        let (scalars, all) = (paths(&before, true), paths(&before, false));
        let edits: Vec<Edit> = picks
            .into_iter()
            .map(|(kind, pick, value)| match (kind, value) {
                (0..=2, Value::List(_) | Value::Map(_)) => Edit::Set(pick.get(&scalars).clone(), text("done")),
                (0..=2, value) => Edit::Set(pick.get(&scalars).clone(), value),
                (3, value) => Edit::Set(pick.get(&all).clone(), value),
                (4, _) => Edit::Remove(pick.get(&all).clone()),
                (_, value) => {
                    let at = pick.get(&all);
                    let (_, parent) = at.split_last().unwrap();
                    Edit::Insert(parent.to_vec(), pick.index(3), value)
                }
            })
            .collect();
        let together = apply(src, &edits);
        let one_by_one = edits
            .iter()
            .try_fold(src.clone(), |text, edit| apply(&text, std::slice::from_ref(edit)));
        prop_assert_eq!(together, one_by_one);
    }

    #[test]
    fn random_edits_never_panic(
        file in 0..FILES.len(),
        steps in proptest::collection::vec(prop_oneof![
            "[a-z_]{1,8}".prop_map(Step::Key),
            (0usize..4).prop_map(Step::Index),
        ], 0..5),
        kind in 0..3u8,
        index in 0usize..4,
        new in new_text(),
    ) {
        let src = &sources()[file];
        let value = Value::List(vec![Value::Text(new), Value::Int(3)]);
        let edit = match kind {
            0 => Edit::Set(steps, value),
            1 => Edit::Remove(steps),
            _ => Edit::Insert(steps, index, value),
        };
        let _ = apply(src, &[edit]);
    }
}

#[test]
fn removal_and_insertion_keep_everything_else_on_real_files() {
    for file in FILES {
        let src = read(file);
        let before = json(&src);
        for at in paths(&before, false)
            .iter()
            .filter(|p| matches!(p.last(), Some(Step::Index(_))))
        {
            let out =
                apply(&src, &[Edit::Remove(at.clone())]).unwrap_or_else(|e| panic!("{file}: {e}"));
            let mut expected = before.clone();
            let (last, parent) = at.split_last().unwrap();
            let Step::Index(i) = last else { unreachable!() };
            expected
                .pointer_mut(&pointer(parent))
                .unwrap()
                .as_array_mut()
                .unwrap()
                .remove(*i);
            assert_eq!(json(&out), expected, "{file}: remove {at:?}");
            let (old, new) = changed(&src, &out);
            assert!(
                new.is_empty()
                    || new == ["[]\n"]
                    || new.iter().all(|l| l.ends_with(": []\n") || l.contains('[')),
                "{file}: {new:?}"
            );
            assert!(!old.is_empty());

            let out = apply(
                &src,
                &[Edit::Insert(
                    parent.to_vec(),
                    *i,
                    Value::Text("Mới: thêm".into()),
                )],
            )
            .unwrap();
            let mut expected = before.clone();
            expected
                .pointer_mut(&pointer(parent))
                .unwrap()
                .as_array_mut()
                .unwrap()
                .insert(*i, "Mới: thêm".into());
            assert_eq!(json(&out), expected, "{file}: insert {at:?}");
            let (old, new) = changed(&src, &out);
            assert!(
                old.len() <= 1 && new.len() <= 2,
                "{file}: {old:?} → {new:?}"
            );
        }
    }
}

#[test]
#[cfg_attr(debug_assertions, ignore = "a timing: run with --release")]
fn scalar_edits_take_under_a_millisecond_each_on_a_20_kb_file() {
    // Statuses and dates from a spreadsheet: existing scalars set in place.
    // (A structural edit costs one parse of the file, as does the check of
    // the result.)
    let mut src = read("meetings/2021-01-25-phien-hop-ubnd-thang-01.yaml");
    let mut keys = Vec::new();
    while src.len() < 20_000 {
        keys.push(format!("extra_{}", keys.len()));
        src.push_str(&format!(
            "{}:\n  - lead: SNV\n    do: Việc thêm.\n    due: 2021-03-31\n",
            keys.last().unwrap()
        ));
    }
    let edits: Vec<Edit> = (0..20)
        .map(|i| {
            let at = path(&format!("{}.0.due", keys[i * 7 % keys.len()]));
            Edit::Set(at, text(&format!("2021-04-{:02}", i + 1)))
        })
        .collect();
    let started = std::time::Instant::now();
    apply(&src, &edits).unwrap();
    let per_edit = started.elapsed() / edits.len() as u32;
    eprintln!("{per_edit:?} per edit on {} bytes", src.len());
    assert!(
        per_edit < std::time::Duration::from_millis(1),
        "{per_edit:?} per edit"
    );
}

#[test]
fn every_key_of_the_real_files_can_be_removed() {
    for file in FILES {
        let src = read(file);
        let before = json(&src);
        for at in paths(&before, false)
            .iter()
            .filter(|p| matches!(p.last(), Some(Step::Key(_))))
        {
            let out =
                apply(&src, &[Edit::Remove(at.clone())]).unwrap_or_else(|e| panic!("{file}: {e}"));
            let mut expected = before.clone();
            let (Step::Key(k), parent) = at.split_last().unwrap() else {
                unreachable!()
            };
            expected
                .pointer_mut(&pointer(parent))
                .unwrap()
                .as_object_mut()
                .unwrap()
                .remove(k);
            assert_eq!(json(&out), expected, "{file}: remove {at:?}");
            let (_, new) = diff(&src, &out);
            assert!(new.len() <= 1, "{file}: remove {at:?} wrote {new:?}");
        }
    }
}
