//! A node's inputs and outputs fitted to the ports its parallel component
//! declares (`fields::job_io::fit_ports`). A node whose component was made
//! from its own settings, or is only referenced, keeps its ports as written.

use crate::fields::job_io::fit_ports;
use crate::generated::{ParallelComponent, ParallelNode};

/// Orders the node's ports as `component` declares them.
pub fn fit(node: &mut ParallelNode, component: &ParallelComponent) {
    fit_ports(
        &mut node.inputs,
        component.inputs.iter().flat_map(|m| m.keys()),
    );
    fit_ports(
        &mut node.outputs,
        component.outputs.iter().flat_map(|m| m.keys()),
    );
}
