//! Pass: breaks containment cycles with `Box` (Tarjan's strongly connected components over the
//! "contains directly" graph; `Vec` and map values are already indirect). Before it,
//! [`alias_cycles`] removes the cycles a Rust type alias cannot express.

use crate::diag::Diagnostics;
use crate::ir::{Ir, Kind, Ty, TypeId};

fn direct(ty: &Ty) -> Option<TypeId> {
    match ty {
        Ty::Named(id) => Some(*id),
        _ => None,
    }
}

fn edges(ir: &Ir, id: TypeId) -> Vec<TypeId> {
    match ir.types.get(id).map(|t| &t.kind) {
        Some(Kind::Struct(sd)) => sd.fields.iter().filter_map(|f| direct(&f.ty)).collect(),
        Some(Kind::Union(u)) => u.variants.iter().map(|v| v.ty).collect(),
        Some(Kind::Untagged(ms)) => ms.iter().filter_map(|m| direct(&m.ty)).collect(),
        Some(Kind::Alias(t)) => direct(t).into_iter().collect(),
        _ => Vec::new(),
    }
}

/// Component index of each type.
fn components(ir: &Ir) -> Vec<usize> {
    let n = ir.types.len();
    let adj: Vec<Vec<TypeId>> = (0..n)
        .map(|i| edges(ir, i).into_iter().filter(|j| *j < n).collect())
        .collect();
    components_of(&adj)
}

/// Every generated type named anywhere in `ty` (inside `Vec`, maps and `Option` too).
fn named_in(ty: &Ty, out: &mut Vec<TypeId>) {
    match ty {
        Ty::Named(id) => out.push(*id),
        Ty::Array(t) | Ty::Map(t) | Ty::Nullable(t) => named_in(t, out),
        _ => {}
    }
}

/// Aliases whose definition reaches themselves through other aliases: `A = B, B = A` (a
/// `$ref` cycle, which describes no value: an error at each member) or `A = Vec<A>` (a
/// recursive list, which a Rust type alias cannot express: the members become untyped JSON
/// values, with a warning). Rust expands aliases eagerly, so either would not compile.
pub fn alias_cycles(ir: &mut Ir, diags: &mut Diagnostics) {
    let n = ir.types.len();
    let is_alias =
        |ir: &Ir, id: TypeId| matches!(ir.types.get(id).map(|t| &t.kind), Some(Kind::Alias(_)));
    let adj: Vec<Vec<TypeId>> = (0..n)
        .map(|i| {
            let mut out = Vec::new();
            if let Some(Kind::Alias(ty)) = ir.types.get(i).map(|t| &t.kind) {
                named_in(ty, &mut out);
            }
            out.retain(|j| *j < n && is_alias(ir, *j));
            out
        })
        .collect();
    let comp = components_of(&adj);
    let mut size = vec![0usize; n];
    for c in &comp {
        if let Some(s) = size.get_mut(*c) {
            *s += 1;
        }
    }
    let cyclic: Vec<TypeId> = (0..n)
        .filter(|&i| size.get(comp[i]).copied().unwrap_or(0) > 1 || adj[i].contains(&i))
        .collect();
    // A cycle of bare references (no list, map or null on the way) describes nothing.
    let bare = |ir: &Ir, i: TypeId| matches!(ir.types[i].kind, Kind::Alias(Ty::Named(_)));
    for &i in &cyclic {
        let members: Vec<TypeId> = cyclic
            .iter()
            .copied()
            .filter(|j| comp[*j] == comp[i])
            .collect();
        let t = &ir.types[i];
        if members.iter().all(|&j| bare(ir, j)) {
            let names: Vec<&str> = members.iter().map(|&j| ir.types[j].hint.as_str()).collect();
            diags.error(
                &t.file,
                &t.loc.pointer,
                format!(
                    "`$ref` cycle ({}): the references never reach a schema",
                    names.join(" -> ")
                ),
            );
        } else {
            diags.warn(
                &t.file,
                &t.loc.pointer,
                "recursive type through lists, maps or null only (no object on the way), which Rust cannot name; using an untyped JSON value",
            );
        }
    }
    for i in cyclic {
        ir.types[i].kind = Kind::Alias(Ty::Value);
    }
}

/// Component index of each node of a graph.
fn components_of(adj: &[Vec<TypeId>]) -> Vec<usize> {
    struct St {
        index: Vec<Option<usize>>,
        low: Vec<usize>,
        on: Vec<bool>,
        stack: Vec<usize>,
        comp: Vec<usize>,
        next: usize,
        ncomp: usize,
    }
    let n = adj.len();
    let mut st = St {
        index: vec![None; n],
        low: vec![0; n],
        on: vec![false; n],
        stack: Vec::new(),
        comp: vec![usize::MAX; n],
        next: 0,
        ncomp: 0,
    };
    // Iterative Tarjan, so deep specs cannot overflow the stack.
    for root in 0..n {
        if st.index[root].is_some() {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some((v, i)) = work.pop() {
            if i == 0 {
                st.index[v] = Some(st.next);
                st.low[v] = st.next;
                st.next += 1;
                st.stack.push(v);
                st.on[v] = true;
            }
            let succ = &adj[v];
            if i < succ.len() {
                work.push((v, i + 1));
                let w = succ[i];
                match st.index[w] {
                    None => work.push((w, 0)),
                    Some(wi) if st.on[w] => st.low[v] = st.low[v].min(wi),
                    _ => {}
                }
            } else {
                if st.low[v] == st.index[v].unwrap_or(0) {
                    while let Some(w) = st.stack.pop() {
                        st.on[w] = false;
                        st.comp[w] = st.ncomp;
                        if w == v {
                            break;
                        }
                    }
                    st.ncomp += 1;
                }
                if let Some(&(parent, _)) = work.last() {
                    st.low[parent] = st.low[parent].min(st.low[v]);
                }
            }
        }
    }
    st.comp
}

/// Marks the fields and variants that must be boxed.
pub fn run(ir: &mut Ir) {
    let comp = components(ir);
    let same = |a: TypeId, b: TypeId| comp.get(a).is_some() && comp.get(a) == comp.get(b);
    for id in 0..ir.types.len() {
        let kind = match ir.types.get_mut(id) {
            Some(t) => &mut t.kind,
            None => continue,
        };
        match kind {
            Kind::Struct(sd) => {
                for f in &mut sd.fields {
                    if let Some(t) = direct(&f.ty) {
                        f.boxed = same(id, t);
                    }
                }
            }
            Kind::Union(u) => {
                for v in &mut u.variants {
                    v.boxed = same(id, v.ty);
                }
            }
            Kind::Untagged(ms) => {
                for m in ms {
                    if let Some(t) = direct(&m.ty) {
                        m.boxed = same(id, t);
                    }
                }
            }
            _ => {}
        }
    }
}
