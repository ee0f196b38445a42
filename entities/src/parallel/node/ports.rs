//! A node's inputs and outputs fitted to the ports its parallel component
//! declares (`_build_inputs_dict` / `_build_outputs_dict` with the
//! component's definitions): in the component's order, and an input or
//! output the component does not declare is dropped, as azure-ai-ml drops
//! it. A node whose component was made from its own settings, or is only
//! referenced, keeps its ports as written.

use crate::generated::{ParallelComponent, ParallelNode};
use azml::OrderedMap;

/// Orders the node's ports as `component` declares them.
pub fn fit(node: &mut ParallelNode, component: &ParallelComponent) {
    if let Some(mut inputs) = node.inputs.take() {
        node.inputs = Some(declared(
            &mut inputs,
            component.inputs.iter().flatten().map(|(k, _)| k),
        ));
    }
    if let Some(mut outputs) = node.outputs.take() {
        node.outputs = Some(declared(
            &mut outputs,
            component.outputs.iter().flatten().map(|(k, _)| k),
        ));
    }
}

/// The entries of `given` whose names are `names`, in that order.
fn declared<'a, T>(
    given: &mut OrderedMap<T>,
    names: impl Iterator<Item = &'a String>,
) -> OrderedMap<T> {
    names
        .filter_map(|name| given.shift_remove_entry(name.as_str()))
        .collect()
}
