//! A parallel node of a pipeline job (azure-ai-ml `Parallel`): reading its
//! component (registered, from a file, written in place, or made from the
//! node's own settings), the settings it takes from that component, its
//! dict and its REST form.

mod flow_ports;
mod from_rest;
mod inherit;
mod ports;
mod rest;

use std::path::Path;

use crate::component::ComponentSource;
use crate::fields::job_io::{normalize_node_io, without_binding_types};
use crate::generated::ParallelNode;
use crate::parallel::NodeComponent;
use crate::pipeline::PipelineScope;
use azml::validate::Issue;
use azml::Value;

impl ParallelNode {
    /// Loads a node held as a JSON value (`jobs.<name>` of a pipeline);
    /// relative paths resolve against `base`, the pipeline file's folder.
    ///
    /// # Errors
    /// Every issue, with its JSON pointer relative to the node.
    pub fn from_value(value: &Value, base: &Path) -> Result<Self, Vec<Issue>> {
        Self::load(value, base, None)?.translate(base, &PipelineScope::default())
    }

    /// What the schema of a pipeline's node does (`ParallelSchema`, or
    /// `PipelineParallelJobSchema` for a parallel job written in place):
    /// the node read, its component read when it names one. A job written
    /// in place gets its component in [`ParallelNode::translate`].
    ///
    /// # Errors
    /// Every issue, with its JSON pointer relative to the node.
    pub fn from_node_value(value: &Value, base: &Path) -> Result<Self, Vec<Issue>> {
        Self::load(value, base, None)
    }

    /// `_post_load_pipeline_jobs` for the node: a parallel job written in
    /// place becomes a node whose component is made of its own settings
    /// (`ParallelJob._to_node`), its bindings typed in `scope`; then the
    /// node takes what it inherits from its component.
    ///
    /// # Errors
    /// Python's message for a binding that names nothing it can type.
    pub fn translate(mut self, base: &Path, scope: &PipelineScope<'_>) -> Result<Self, Vec<Issue>> {
        if self.component.is_none() {
            let component = inherit::component_of_inline_job(&self, base, scope)?;
            self.component = Some(NodeComponent::Loaded(
                Box::new(component),
                ComponentSource::YamlJob,
            ));
        }
        if let Some(NodeComponent::Loaded(component, _)) = &self.component {
            let component = component.clone();
            self.inherit_from(&component);
        }
        Ok(self)
    }

    /// The node read, with the component already read when `component` is
    /// given (a flow component read back from REST, which no document form
    /// holds).
    fn load(
        value: &Value,
        base: &Path,
        component: Option<NodeComponent>,
    ) -> Result<Self, Vec<Issue>> {
        let mut node: Self = azml::load::from_value(value)?;
        if component.is_some() {
            node.component = component;
        }
        let mut issues = Vec::new();
        if let Some(task) = node.task.as_mut() {
            issues.extend(super::task::resolve_files(
                "/task",
                base,
                task.code.as_mut(),
                &mut task.environment,
            ));
        }
        normalize_node_io(node.inputs.as_mut(), node.outputs.as_mut());
        match node.component.take() {
            Some(NodeComponent::Flow(flow)) => node.component = Some(NodeComponent::Flow(flow)),
            Some(component) => match load_component(component, base) {
                Ok(component) => {
                    if let NodeComponent::Loaded(loaded, _) = &component {
                        ports::fit(&mut node, loaded);
                    }
                    node.component = Some(component);
                }
                Err(more) => issues.extend(more),
            },
            None => {}
        }
        if matches!(node.component, Some(NodeComponent::Flow(_))) {
            issues.extend(flow_ports::fit(&mut node));
        }
        if issues.is_empty() {
            Ok(node)
        } else {
            Err(issues)
        }
    }

    /// The `code` of the task the node took from its component (the same
    /// task: a task of its own equal to the component's reads and dumps
    /// alike).
    fn inherited_task_code(&self) -> Option<&crate::fields::CodeRef> {
        let component = self.component.as_ref()?.component()?;
        let task = self.task.as_ref()?;
        (component.task.as_ref() == Some(task))
            .then_some(task.code.as_ref())
            .flatten()
    }

    /// Where the node's component came from, as its REST form's `_source` says.
    pub fn source(&self) -> ComponentSource {
        match &self.component {
            Some(NodeComponent::Loaded(_, source)) => *source,
            Some(NodeComponent::Flow(flow)) => flow.source,
            Some(NodeComponent::Registered(id)) => crate::component::pending::registered_source(id),
            _ => ComponentSource::RemoteWorkspaceComponent,
        }
    }

    /// The node as the `_to_dict()` of the document holding it (whose
    /// folder is `base`) gives it: its dict (the schema's key order, no
    /// `None` and no empty dict at any depth, the component as its dict or
    /// the reference as written, keys the schema does not know at the end;
    /// `display_name` and `tags` only go into the REST form), with an input
    /// bound to another's data dumped without its type, and a task taken
    /// from the component with its `code` dumped against `base`.
    ///
    /// That last rule is azure-ai-ml's: `Parallel.__init__` gives the node
    /// the component's task object, whose `code` holds the text as written,
    /// and the enclosing document's `CodeField` dumps it in its own folder
    /// (`docs/layout-rules.md`, rule L); the node's REST form keeps the
    /// component's folder.
    pub fn pipeline_dict(&self, base: &Path) -> Value {
        let mut dict = azml::DictMixin::to_dict(self);
        if let Some(code) = self.inherited_task_code() {
            if let Some(task) = dict.get_mut("task").and_then(Value::as_object_mut) {
                task.insert("code".into(), Value::String(code.dump_against(base)));
            }
        }
        without_binding_types(dict)
    }
}

/// Reads the node's component: a file (`file:` gives `_source` YAML.JOB, a
/// bare path YAML.COMPONENT) or a mapping, both as anonymous components.
fn load_component(component: NodeComponent, base: &Path) -> Result<NodeComponent, Vec<Issue>> {
    match component {
        NodeComponent::File(written) => {
            let file = crate::component::file::open(&written, base)?;
            if crate::parallel::flow::is_flow_document(&file.doc.value) {
                return load_flow(&file.doc, &file.path, &written);
            }
            file.load::<crate::generated::ParallelComponent>()
                .map(|(c, source)| NodeComponent::Loaded(Box::new(c), source))
        }
        NodeComponent::Inline(value) => {
            crate::component::file::load_inline::<crate::generated::ParallelComponent>(value, base)
                .map(|c| NodeComponent::Loaded(Box::new(c), ComponentSource::YamlJob))
        }
        other => Ok(other),
    }
}

/// Reads a prompt flow a node names by its path (azure-ai-ml reads it with
/// `ComponentYamlRefField`, which takes no `file:` prefix).
fn load_flow(
    doc: &azml_pyio::yaml::Document,
    file: &Path,
    written: &str,
) -> Result<NodeComponent, Vec<Issue>> {
    if written.starts_with("file:") {
        return Err(vec![Issue::new(
            "/component",
            format!("{written} is a prompt flow: name it by its path, without the file: prefix"),
        )]);
    }
    crate::parallel::FlowComponent::from_value(&doc.value, file)
        .map(|flow| NodeComponent::Flow(Box::new(flow)))
        .map_err(|issues| {
            vec![Issue::new(
                "/component",
                azml::load::located(doc, &issues).to_string(),
            )]
        })
}
