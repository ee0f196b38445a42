//! A node's inputs and outputs fitted to a flow component's ports, as
//! `FlowComponentInputDict._fit_inputs` and the node's port building do.
//!
//! A flow takes `data` and `flow_outputs`, any column-mapping input (a
//! name of its own), and connection settings written
//! `connections.<node>.<setting>`. The node's inputs come out in that
//! order: `data`, `flow_outputs`, the others as written, then the
//! connection settings grouped by flow node (in the order each node first
//! appears). A flow has only the outputs `flow_outputs` and `debug_info`;
//! any other output of the node is dropped, as azure-ai-ml drops it.

use crate::generated::ParallelNode;
use azml::validate::{escape_segment, Issue};
use azml::OrderedMap;

const CONNECTIONS: &str = "connections";
const FIXED_INPUTS: [&str; 2] = ["data", "flow_outputs"];
const OUTPUTS: [&str; 2] = ["flow_outputs", "debug_info"];

/// Checks the connection inputs and puts the ports in azure-ai-ml's order.
///
/// # Errors
/// An issue at each input that is not a column mapping or a well-formed
/// connection setting (`connections` alone is a group, not an input).
pub fn fit(node: &mut ParallelNode) -> Vec<Issue> {
    let mut issues = Vec::new();
    if let Some(inputs) = node.inputs.take() {
        let mut fixed = OrderedMap::default();
        let mut mapped = OrderedMap::default();
        let mut groups: OrderedMap<OrderedMap<_>> = OrderedMap::default();
        for (name, input) in inputs {
            let at = format!("/inputs/{}", escape_segment(&name));
            if name == CONNECTIONS {
                issues.push(Issue::new(
                    at,
                    "'connections' is defined as a parameter group: write each setting as connections.<node_name>.<setting>",
                ));
            } else if let Some(rest) = name.strip_prefix("connections.") {
                match rest.split_once('.') {
                    Some((flow_node, setting)) if !setting.contains('.') => {
                        groups
                            .entry(flow_node.to_owned())
                            .or_default()
                            .insert(name.clone(), input);
                    }
                    _ => issues.push(Issue::new(
                        at,
                        format!(
                            "flattened connection input port name must be in the format of connections.<node_name>.<port_name>, but got {name}"
                        ),
                    )),
                }
            } else if FIXED_INPUTS.contains(&name.as_str()) {
                fixed.insert(name, input);
            } else {
                mapped.insert(name, input);
            }
        }
        let mut ordered = OrderedMap::default();
        for key in FIXED_INPUTS {
            if let Some((name, input)) = fixed.shift_remove_entry(key) {
                ordered.insert(name, input);
            }
        }
        ordered.extend(mapped);
        ordered.extend(groups.into_values().flatten());
        node.inputs = Some(ordered);
    }
    if let Some(mut outputs) = node.outputs.take() {
        node.outputs = Some(
            OUTPUTS
                .iter()
                .filter_map(|key| outputs.shift_remove_entry(*key))
                .collect(),
        );
    }
    issues
}
