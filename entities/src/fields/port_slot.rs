//! A node's input or output as its map holds it: `Option<NodeInput>` where
//! the spec lets a port be null (command and parallel nodes: the null port
//! is left out), the bare port where azure-ai-ml refuses null (a sweep
//! node's `InputsField`). Helpers over ports take either.

use crate::generated::{NodeInput, NodeOutput};

/// A map value that may hold a port.
pub trait PortSlot<T> {
    /// The port, when the slot holds one.
    fn port(&self) -> Option<&T>;
    /// The port, mutably, when the slot holds one.
    fn port_mut(&mut self) -> Option<&mut T>;
}

impl<T> PortSlot<T> for Option<T> {
    fn port(&self) -> Option<&T> {
        self.as_ref()
    }
    fn port_mut(&mut self) -> Option<&mut T> {
        self.as_mut()
    }
}

macro_rules! bare_port {
    ($($ty:ty),*) => {$(
        impl PortSlot<$ty> for $ty {
            fn port(&self) -> Option<&$ty> {
                Some(self)
            }
            fn port_mut(&mut self) -> Option<&mut $ty> {
                Some(self)
            }
        }
    )*};
}
bare_port!(NodeInput, NodeOutput);
