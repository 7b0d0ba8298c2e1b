//! The shell's modules import each other without circles, and none is too long.
//!
//! A small checker of our own over the source text (no Bevy in this test binary): every
//! file under `src/` is a module; a module depends on another when it names a path in it
//! (`use crate::game::states::Screen`, `super::theme::palette`, a path in code). A
//! parent that declares and wires its children (`mod lobby;`, `lobby::plugin`) is
//! composition, not a dependency, so edges from a module into its own descendants are
//! left out; every other edge counts. The test fails on any circle, naming the modules
//! in it, and on any shell file over the length limit.
//!
//! `cargo test --test layers -- --nocapture` prints the whole graph.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// A shell file longer than this is split by concern.
const MAX_LINES: usize = 650;

type Module = Vec<String>;

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/game/screens/lobby/mod.rs` is `game::screens::lobby`; `src/lib.rs` is the root.
fn module_of(src: &Path, file: &Path) -> Option<Module> {
    let rel = file.strip_prefix(src).ok()?;
    let mut parts: Module = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop()?;
    match last.as_str() {
        "main.rs" if parts.is_empty() => None,
        "lib.rs" | "mod.rs" => Some(parts),
        name => {
            parts.push(name.trim_end_matches(".rs").to_owned());
            Some(parts)
        }
    }
}

/// The source without comments, string contents and `#[cfg(test)]` modules.
fn code_of(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                let mut prev = ' ';
                for c in chars.by_ref() {
                    if prev == '*' && c == '/' {
                        break;
                    }
                    prev = c;
                }
            }
            '"' => {
                out.push('"');
                let mut escaped = false;
                for c in chars.by_ref() {
                    if !escaped && c == '"' {
                        break;
                    }
                    escaped = !escaped && c == '\\';
                }
                out.push('"');
            }
            // A char literal like '{' (not a lifetime like 'a).
            '\'' => {
                let ahead: String = chars.clone().take(3).collect();
                let mut it = ahead.chars();
                match (it.next(), it.next()) {
                    (Some('\\'), _) => {
                        for c in chars.by_ref() {
                            if c == '\'' {
                                break;
                            }
                        }
                    }
                    (Some(_), Some('\'')) => {
                        chars.next();
                        chars.next();
                    }
                    _ => out.push('\''),
                }
            }
            c => out.push(c),
        }
    }
    match out.find("#[cfg(test)]") {
        Some(at)
            if out[at..]
                .trim_start_matches("#[cfg(test)]")
                .trim_start()
                .starts_with("mod ") =>
        {
            out.truncate(at);
            out
        }
        _ => out,
    }
}

/// Expands `a::{b, c::{d, e}}` into `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str, prefix: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    if let Some(open) = tree.find('{') {
        let head = tree[..open].trim().trim_end_matches("::");
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let base = join(prefix, head);
        let mut depth = 0;
        let mut start = 0;
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand(&inner[start..i], &base, out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        expand(&inner[start..], &base, out);
    } else if !tree.is_empty() {
        let path = tree.split(" as ").next().unwrap().trim();
        out.push(join(prefix, path));
    }
}

fn join(prefix: &str, path: &str) -> String {
    match (prefix.is_empty(), path.is_empty()) {
        (true, _) => path.to_owned(),
        (_, true) => prefix.to_owned(),
        _ => format!("{prefix}::{path}"),
    }
}

/// Every path the code names: expanded `use` trees, and `crate::`/`super::` paths in code.
fn paths_in(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    let mut body = String::new();
    while let Some(at) = find_use(rest) {
        body.push_str(&rest[..at]);
        let after = &rest[at..];
        let end = after.find(';').unwrap_or(after.len());
        let tree = after[..end]
            .trim_start_matches("pub(crate) ")
            .trim_start_matches("pub ");
        expand(tree.trim_start().trim_start_matches("use "), "", &mut out);
        rest = &after[(end + 1).min(after.len())..];
    }
    body.push_str(rest);
    let bytes = body.as_bytes();
    for key in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(found) = body[from..].find(key) {
            let start = from + found;
            let ok_before = start == 0
                || !(bytes[start - 1].is_ascii_alphanumeric()
                    || bytes[start - 1] == b'_'
                    || bytes[start - 1] == b':');
            let mut end = start;
            while end < bytes.len()
                && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'_' || bytes[end] == b':')
            {
                end += 1;
            }
            if ok_before {
                out.push(body[start..end].trim_end_matches(':').to_owned());
            }
            from = end.max(start + key.len());
        }
    }
    out
}

/// The start of the next `use` item (at a line start, perhaps after `pub`).
fn find_use(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let item = trimmed
            .trim_start_matches("pub(crate) ")
            .trim_start_matches("pub(super) ")
            .trim_start_matches("pub ");
        if item.starts_with("use ") {
            return Some(offset + (line.len() - trimmed.len()));
        }
        offset += line.len();
    }
    None
}

/// Resolves a path named in `from` to the module that holds it.
fn resolve(path: &str, from: &Module, modules: &BTreeSet<Module>) -> Option<Module> {
    let mut segs = path.split("::").filter(|s| !s.is_empty()).peekable();
    let mut at: Module = match segs.peek().copied() {
        Some("crate") => {
            segs.next();
            Vec::new()
        }
        Some("super") => {
            let mut m = from.clone();
            while segs.peek() == Some(&"super") {
                segs.next();
                m.pop();
            }
            m
        }
        Some("self") => {
            segs.next();
            from.clone()
        }
        // A child module declared here (`use lobby::Lobby` in screens/mod.rs).
        Some(first) => {
            let mut child = from.clone();
            child.push(first.to_owned());
            if !modules.contains(&child) {
                return None;
            }
            from.clone()
        }
        None => return None,
    };
    for seg in segs {
        let mut next = at.clone();
        next.push(seg.to_owned());
        if modules.contains(&next) {
            at = next;
        } else {
            break;
        }
    }
    Some(at)
}

fn name(m: &Module) -> String {
    if m.is_empty() {
        "crate".to_owned()
    } else {
        m.join("::")
    }
}

/// Tarjan's strongly connected components with more than one module.
fn circles(graph: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    struct State<'a> {
        graph: &'a BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<Module, usize>,
        low: BTreeMap<Module, usize>,
        stack: Vec<Module>,
        on_stack: BTreeSet<Module>,
        out: Vec<Vec<Module>>,
    }
    fn visit(s: &mut State, v: &Module) {
        let i = s.index.len();
        s.index.insert(v.clone(), i);
        s.low.insert(v.clone(), i);
        s.stack.push(v.clone());
        s.on_stack.insert(v.clone());
        for w in s.graph.get(v).into_iter().flatten() {
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v.clone(), low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v.clone(), low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            loop {
                let w = s.stack.pop().unwrap();
                s.on_stack.remove(&w);
                let done = &w == v;
                component.push(w);
                if done {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.out.push(component);
            }
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    s.out
}

struct Shell {
    graph: BTreeMap<Module, BTreeSet<Module>>,
    lines: BTreeMap<Module, (PathBuf, usize)>,
}

fn shell() -> Shell {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    let mut texts = Vec::new();
    let mut modules = BTreeSet::new();
    let mut lines = BTreeMap::new();
    for file in all {
        if let Some(m) = module_of(&src, &file) {
            let text = fs::read_to_string(&file).unwrap();
            lines.insert(m.clone(), (file.clone(), text.lines().count()));
            modules.insert(m.clone());
            texts.push((m, text));
        }
    }
    let mut graph: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (from, text) in &texts {
        let deps = graph.entry(from.clone()).or_default();
        for path in paths_in(&code_of(text)) {
            if let Some(to) = resolve(&path, from, &modules) {
                // Into itself or its own descendants: composition, not a dependency.
                if !to.starts_with(from) {
                    deps.insert(to);
                }
            }
        }
    }
    Shell { graph, lines }
}

#[test]
fn shell_modules_import_each_other_without_circles() {
    let shell = shell();
    for (from, to) in &shell.graph {
        let to: Vec<String> = to.iter().map(name).collect();
        println!("{} -> {}", name(from), to.join(", "));
    }
    let found = circles(&shell.graph);
    let report: Vec<String> = found
        .iter()
        .map(|c| c.iter().map(name).collect::<Vec<_>>().join(" <-> "))
        .collect();
    assert!(
        found.is_empty(),
        "import circles among shell modules:\n{}",
        report.join("\n")
    );
}

#[test]
fn no_shell_file_is_over_the_limit() {
    let long: Vec<String> = shell()
        .lines
        .values()
        .filter(|(_, n)| *n > MAX_LINES)
        .map(|(file, n)| format!("{} ({n} lines)", file.display()))
        .collect();
    assert!(
        long.is_empty(),
        "shell files over {MAX_LINES} lines, to split by concern:\n{}",
        long.join("\n")
    );
}

#[test]
fn the_checker_sees_a_circle_and_resolves_paths() {
    let modules: BTreeSet<Module> = [
        vec![],
        vec!["game".into()],
        vec!["game".into(), "menu".into()],
        vec!["game".into(), "states".into()],
    ]
    .into_iter()
    .collect();
    let menu = vec!["game".to_owned(), "menu".to_owned()];
    let mut paths = Vec::new();
    expand(
        "super::{states::Screen, theme::{palette, widgets}}",
        "",
        &mut paths,
    );
    assert_eq!(
        paths,
        [
            "super::states::Screen",
            "super::theme::palette",
            "super::theme::widgets"
        ]
    );
    assert_eq!(
        resolve("super::states::Screen", &menu, &modules),
        Some(vec!["game".into(), "states".into()])
    );
    assert_eq!(
        resolve("crate::game::GameConfig", &menu, &modules),
        Some(vec!["game".into()])
    );
    assert_eq!(resolve("bevy::prelude::App", &menu, &modules), None);
    let code = code_of(
        "// use crate::game::states;\nlet s = \"crate::game::menu\";\nuse super::states::{Screen};\n#[cfg(test)]\nmod tests { use crate::game; }\n",
    );
    assert_eq!(paths_in(&code), ["super::states::Screen"]);
    let mut graph = BTreeMap::new();
    graph.insert(
        menu.clone(),
        BTreeSet::from([vec!["game".to_owned(), "states".to_owned()]]),
    );
    graph.insert(
        vec!["game".into(), "states".into()],
        BTreeSet::from([menu.clone()]),
    );
    assert_eq!(circles(&graph).len(), 1);
}
