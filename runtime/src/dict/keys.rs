//! The iterator that [`DictMixin::keys`](super::DictMixin::keys) returns.

use std::fmt;
use std::slice;

/// Keys of a dict view: the declared fields (a static list, no allocation),
/// then the keys of the extra-keys map if the struct has one.
pub struct Keys<'a> {
    declared: slice::Iter<'static, &'static str>,
    extra: Option<Box<dyn Iterator<Item = &'a str> + 'a>>,
}

impl<'a> Keys<'a> {
    /// Keys of a struct without an extra-keys map.
    pub fn new(declared: &'static [&'static str]) -> Self {
        Keys {
            declared: declared.iter(),
            extra: None,
        }
    }

    /// Keys of a struct whose extra-keys map yields `extra` after the fields.
    pub fn with_extra(
        declared: &'static [&'static str],
        extra: Box<dyn Iterator<Item = &'a str> + 'a>,
    ) -> Self {
        Keys {
            declared: declared.iter(),
            extra: Some(extra),
        }
    }
}

impl<'a> Iterator for Keys<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        match self.declared.next() {
            Some(key) => Some(key),
            None => self.extra.as_mut()?.next(),
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let declared = self.declared.len();
        match &self.extra {
            None => (declared, Some(declared)),
            Some(extra) => {
                let (low, high) = extra.size_hint();
                (declared + low, high.map(|h| h + declared))
            }
        }
    }
}

impl fmt::Debug for Keys<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Keys")
            .field("declared", &self.declared.as_slice())
            .field("has_extra", &self.extra.is_some())
            .finish()
    }
}
