//! Open enums: string enums whose set of values may grow on the service side
//! (`x-ms-enum` with `modelAsString: true`).
//!
//! [`open_enum!`](crate::open_enum!) declares such an enum from its known values. Unknown
//! wire strings are kept verbatim in an `Other(String)` variant and serialized back unchanged,
//! so a newer service response still round-trips. Generated code uses this one macro instead
//! of tens of lines of serde code per enum.
//!
//! ```
//! azml::open_enum! {
//!     /// The type of a job.
//!     pub enum JobType {
//!         AutoMl = "AutoML",
//!         Command = "Command",
//!     }
//! }
//!
//! let t: JobType = serde_json::from_str("\"Command\"").unwrap();
//! assert_eq!(t, JobType::Command);
//! let new: JobType = serde_json::from_str("\"Quantum\"").unwrap();
//! assert_eq!(new, JobType::Other("Quantum".into()));
//! assert_eq!(serde_json::to_string(&new).unwrap(), "\"Quantum\"");
//! assert_eq!(JobType::AutoMl.as_str(), "AutoML");
//! assert_eq!(azml::DictValue::to_value(&new), "Quantum");
//! ```

/// Declares an open string enum: the listed variants with their wire strings, plus
/// `Other(String)` for any other value. Implements `as_str`, `from_wire`, `VALUES`,
/// `Display`, `FromStr`, `From<&str>`, `From<String>`, serde `Serialize`/`Deserialize`
/// as a plain JSON string, and `DictValue` and `RestTranslatable` as the same string.
#[macro_export]
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )*
            /// A value not known to this version of the spec, kept verbatim.
            Other(::std::string::String),
        }

        impl $name {
            /// The wire strings of the known values, in spec order.
            pub const VALUES: &'static [&'static str] = &[$($wire),*];

            /// The wire string of this value.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)*
                    Self::Other(s) => s.as_str(),
                }
            }

            /// The value for a wire string: a known variant, else `Other`.
            #[inline]
            pub fn from_wire(s: &str) -> Self {
                // One shared lookup in `VALUES`, then the variant at that index: far less
                // code per enum than a `match` on strings.
                match Self::__KNOWN.get($crate::open_enum::wire_index(Self::VALUES, s)) {
                    ::std::option::Option::Some(v) => ::std::clone::Clone::clone(v),
                    ::std::option::Option::None => {
                        Self::Other(::std::string::ToString::to_string(s))
                    }
                }
            }

            /// The known values, in the order of `VALUES`.
            const __KNOWN: &'static [Self] = &[$(Self::$variant),*];
        }

        impl ::std::fmt::Display for $name {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            #[inline]
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from_wire(s))
            }
        }

        impl ::std::convert::From<&str> for $name {
            #[inline]
            fn from(s: &str) -> Self {
                Self::from_wire(s)
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            #[inline]
            fn from(s: ::std::string::String) -> Self {
                Self::from_wire(&s)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let s = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(Self::from_wire(&s))
            }
        }

        impl $crate::DictValue for $name {
            fn to_value(&self) -> $crate::Value {
                $crate::Value::String(::std::string::ToString::to_string(self.as_str()))
            }
            fn from_value(value: $crate::Value) -> ::std::result::Result<Self, $crate::ValueError> {
                match value {
                    $crate::Value::String(s) => ::std::result::Result::Ok(Self::from_wire(&s)),
                    other => ::std::result::Result::Err($crate::ValueError::new("string", &other)),
                }
            }
            fn expected() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed("string")
            }
        }

        impl $crate::RestTranslatable for $name {
            type Rest = $crate::Value;
            fn to_rest_object(&self) -> ::std::result::Result<$crate::Value, $crate::RestError> {
                ::std::result::Result::Ok($crate::DictValue::to_value(self))
            }
            fn from_rest_object(rest: $crate::Value) -> ::std::result::Result<Self, $crate::RestError> {
                <Self as $crate::DictValue>::from_value(rest).map_err($crate::RestError::from)
            }
        }
    };
}

/// The index of `s` in `values`, or `values.len()` (for [`open_enum!`](crate::open_enum!)).
#[doc(hidden)]
pub fn wire_index(values: &[&str], s: &str) -> usize {
    values.iter().position(|v| *v == s).unwrap_or(values.len())
}
