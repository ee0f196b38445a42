//! Helpers of azure-ai-ml's dumps that several kinds share.

pub(crate) mod yaml_order;
