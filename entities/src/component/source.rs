//! Where a component came from: azure-ai-ml's `ComponentSource`, sent as
//! `componentSpec._source` in a component's REST body.

/// Where a component came from: azure-ai-ml's `ComponentSource`, sent as
/// `componentSpec._source`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum ComponentSource {
    /// `YAML.COMPONENT`: a component file (`load_component`, a node's `file:` reference).
    #[default]
    YamlComponent,
    /// `YAML.JOB`: a component written inline in a job.
    YamlJob,
    /// `CLASS`: built in code.
    Class,
    /// `BUILDER`: made by a builder function.
    Builder,
    /// `REMOTE.WORKSPACE.COMPONENT`: registered in a workspace.
    RemoteWorkspaceComponent,
    /// `REMOTE.REGISTRY`: registered in a registry.
    RemoteRegistry,
}

impl ComponentSource {
    /// Every source.
    pub const ALL: [ComponentSource; 6] = [
        ComponentSource::YamlComponent,
        ComponentSource::YamlJob,
        ComponentSource::Class,
        ComponentSource::Builder,
        ComponentSource::RemoteWorkspaceComponent,
        ComponentSource::RemoteRegistry,
    ];

    /// The source a wire text names.
    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }

    /// The wire text.
    pub fn as_str(self) -> &'static str {
        match self {
            ComponentSource::YamlComponent => "YAML.COMPONENT",
            ComponentSource::YamlJob => "YAML.JOB",
            ComponentSource::Class => "CLASS",
            ComponentSource::Builder => "BUILDER",
            ComponentSource::RemoteWorkspaceComponent => "REMOTE.WORKSPACE.COMPONENT",
            ComponentSource::RemoteRegistry => "REMOTE.REGISTRY",
        }
    }
}
