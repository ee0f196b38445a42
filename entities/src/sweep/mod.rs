//! Behaviour of the sweep family (azure-ai-ml's `SweepJob` and a
//! pipeline's `Sweep` node) that no spec can express, beside the generated
//! types: the constructors' steps (floored timeouts, the bandit policy's
//! integer slack), the REST forms of what both share (search spaces,
//! sampling algorithms, early termination, limits), the job as a document
//! and the node's reader and REST form.

mod early_termination;
mod job;
mod limits;
mod node;
mod node_rest;
mod sampling;
mod search_space;
