//! Loading realistic Azure ML YAML documents (3-5 KB) with `azml_pyio::yaml`:
//! a parallel component, a pipeline job with a parallel node, and a
//! standalone parallel job. Each bench measures `parse_str` (value and
//! positions) on one document.
//!
//! Run with `cargo bench --bench yaml`.

use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

/// A parallel component in the style of azureml-assets' `spec.yaml` files.
const COMPONENT: &str = r####"$schema: https://azuremlschemas.azureedge.net/latest/parallelComponent.schema.json
name: batch_score_llm_parallel
version: 0.0.12
display_name: Batch Score Large Language Models
is_deterministic: false
type: parallel
description: |
  Scores a large language model on a tabular or file dataset in parallel.
  Each mini batch is sent to the endpoint, and the responses are appended
  to the output file together with the request metadata.

  See https://aka.ms/azureml/batch-score for details.
tags:
  Preview: ""
  category: inference
  framework: [pytorch, transformers]

inputs:
  async_mode:
    type: boolean
    optional: false
    default: false
    description: Whether to use the asynchronous scoring engine.
  configuration_file:
    type: uri_file
    optional: false
    description: The JSON configuration file of the scoring run.
  data_input_table:
    type: mltable
    optional: false
    description: The data to be split and scored in parallel.
  max_retry_time_interval:
    type: integer
    optional: true
    description: "The maximum time (in seconds) spent retrying a payload. \
      If unspecified, payloads are retried until the mini batch times out."
  initial_worker_count:
    type: integer
    optional: true
    default: 5
    min: 1
    max: 200
  max_worker_count:
    type: integer
    optional: true
    default: 200
  temperature:
    type: number
    default: 0.7
  stop_sequences:
    type: string
    optional: true
    enum: ["\n\n", "###", '<|endoftext|>']

outputs:
  job_output_path:
    type: uri_file
    description: The scored results.
  mini_batch_results_output_directory:
    type: uri_folder
    description: The results of each mini batch.

resources:
  instance_count: 1

max_concurrency_per_instance: 1
mini_batch_size: "3kb"
mini_batch_error_threshold: 5
error_threshold: -1
logging_level: "DEBUG"
retry_settings:
  max_retries: 2
  timeout: 3600
input_data: ${{inputs.data_input_table}}

environment_variables:
  BATCH_SIZE: "100"
  AZUREML_ARTIFACTS_DEFAULT_TIMEOUT: 300
  PYTHONUNBUFFERED: 1
  DISABLE_AUTOMATIC_INSTRUMENTATION: True

task:
  type: run_function
  code: ../src
  entry_script: batch_score/main.py
  # The arguments are folded into one line.
  program_arguments: >-
    --amlbi_async_mode ${{inputs.async_mode}}
    --configuration_file ${{inputs.configuration_file}}
    $[[--max_retry_time_interval ${{inputs.max_retry_time_interval}}]]
    $[[--initial_worker_count ${{inputs.initial_worker_count}}]]
    $[[--max_worker_count ${{inputs.max_worker_count}}]]
    --mini_batch_results_out_directory ${{outputs.mini_batch_results_output_directory}}
    --partitioned_scoring_results ${{outputs.job_output_path}}
    --run_invocation_timeout 3600
    --process_count_per_node 1
  append_row_to: ${{outputs.job_output_path}}
  environment:
    name: batch-score-llm-env
    image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04:20240101.v1
    conda_file:
      channels:
        - conda-forge
      dependencies:
        - python=3.10
        - pip=23.1
        - pip:
            - azureml-core==1.55.0
            - azureml-dataset-runtime[fuse]==1.55.0
            - azureml-telemetry==1.55.0
            - aiohttp>=3.8.5
            - pandas~=2.0
            - 'numpy<2'
      name: batch-score-env
"####;

/// A pipeline job with a parallel node, in the style of azureml-examples.
const PIPELINE: &str = r####"$schema: https://azuremlschemas.azureedge.net/latest/pipelineJob.schema.json
type: pipeline
display_name: iris-batch-prediction-using-parallel
description: The hello world pipeline job with partition by key
experiment_name: parallel-pipelines
tags:
  tag: tagvalue
  owner: sdkteam

settings:
  default_compute: azureml:cpu-cluster
  continue_on_step_failure: false
  force_rerun: true

inputs:
  pipeline_job_data_path:
    type: mltable
    path: ./neural-iris-mltable
    mode: direct
  pipeline_score_model:
    type: uri_folder
    path: ./iris-model
    mode: download
  learning_rate: 0.01
  max_epochs: 20

outputs:
  pipeline_job_out_file:
    type: uri_file
    mode: rw_mount

jobs:
  prepare_data:
    type: command
    component: azureml:prepare_data:1
    compute: azureml:cpu-cluster
    inputs:
      input_data: ${{parent.inputs.pipeline_job_data_path}}
    outputs:
      output_data:
        type: mltable
        mode: rw_mount
    command: >-
      python prepare.py
      --input_data ${{inputs.input_data}}
      --output_data ${{outputs.output_data}}

  batch_prediction:
    type: parallel
    compute: azureml:cpu-cluster
    inputs:
      input_data: ${{parent.jobs.prepare_data.outputs.output_data}}
      score_model: ${{parent.inputs.pipeline_score_model}}
      prompt: "You are given a question and four options. \
        Answer with the number of the option only.\n\nQuestion:"
    outputs:
      job_output_file:
        type: uri_file
        mode: rw_mount

    input_data: ${{inputs.input_data}}
    mini_batch_size: "10kb"
    partition_keys: [sepal_length, species]
    resources:
      instance_count: 2
      properties: {use_spot: false, priority: 1}
    max_concurrency_per_instance: 2

    logging_level: "DEBUG"
    mini_batch_error_threshold: 5
    retry_settings:
      max_retries: 2
      timeout: 60

    task:
      type: run_function
      code: "./script"
      entry_script: iris_prediction.py
      environment:
        name: "prs-env"
        version: 1
        image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04
        conda_file: ./environment/environment_parallel.yml
      program_arguments: >-
        --model ${{inputs.score_model}}
        --error_threshold 5
        --allowed_failed_percent 30
        --task_overhead_timeout 1200
        --progress_update_timeout 600
        --first_task_creation_timeout 600
        --copy_logs_to_parent True
        --resource_monitor_interva 20
      append_row_to: ${{outputs.job_output_file}}

  evaluate:
    type: command
    component: file:./components/evaluate.yml
    compute: azureml:gpu-cluster
    inputs:
      predictions: ${{parent.jobs.batch_prediction.outputs.job_output_file}}
      threshold: 0.5
      labels: ['setosa', 'versicolor', 'virginica']
    outputs:
      metrics: ${{parent.outputs.pipeline_job_out_file}}
    environment_variables:
      AZUREML_COMPUTE_USE_COMMON_RUNTIME: "true"
    distribution:
      type: pytorch
      process_count_per_instance: 1
    resources:
      instance_count: 1
      shm_size: 8g
    limits:
      timeout: 7200
  # A node that is switched off for now.
  # report:
  #   type: command
  #   component: azureml:report:2
"####;

/// A standalone parallel job with most settings spelled out.
const PARALLEL_JOB: &str = r####"# yaml-language-server: $schema=https://azuremlschemas.azureedge.net/latest/parallelJob.schema.json
---
type: parallel
name: oj-sales-parallel-train
display_name: Train many models on the OJ sales data
description: >
  Trains one model per store and brand.

  The data is partitioned by the `Store` and `Brand` columns, and each
  partition becomes one mini batch.
experiment_name: oj-sales-many-models
compute: azureml:cpu-cluster
identity:
  type: user_identity

inputs:
  data_source:
    type: uri_folder
    path: azureml://datastores/workspaceblobstore/paths/oj_sales_data/
    mode: ro_mount
  drop_cols: "Revenue,Advert,Store"
  target_col: Quantity
  date_col: WeekStarting
  lagging_orders: 5
  model_folder: ./outputs
  test_size: 0.2
  random_state: 42
  use_log: yes

outputs:
  model_folder:
    type: uri_folder
    mode: rw_mount
  summary:
    type: uri_file
    path: azureml://datastores/workspaceblobstore/paths/oj_summary/summary.csv
    mode: rw_mount

input_data: ${{inputs.data_source}}
partition_keys:
  - Store
  - Brand
mini_batch_size: 1
mini_batch_error_threshold: -1
error_threshold: -1
max_concurrency_per_instance: 4
logging_level: INFO
resources:
  instance_count: 4
  instance_type: Standard_D4s_v3
retry_settings:
  max_retries: 3
  timeout: 600

environment_variables:
  "AZUREML_PARALLEL_EXAMPLE": "1a_oj_sales_prediction"
  'PARALLEL_MAX_RETRIES': '3'
  OMP_NUM_THREADS: 1

task:
  type: run_function
  code: ./src/parallel_train
  entry_script: parallel_train.py
  environment:
    name: oj-sales-train-env
    image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04
    conda_file: |
      name: oj-sales-train
      channels:
        - conda-forge
      dependencies:
        - python=3.10
        - pip
        - pip:
          - scikit-learn==1.3.2
          - pandas==2.1.4
          - mlflow==2.9.2
          - azureml-mlflow==1.55.0
  program_arguments: >-
    --drop_cols ${{inputs.drop_cols}}
    --target_col ${{inputs.target_col}}
    --date_col ${{inputs.date_col}}
    --lagging_orders ${{inputs.lagging_orders}}
    --model_folder ${{outputs.model_folder}}
    --test_size ${{inputs.test_size}}
    --random_state ${{inputs.random_state}}
    --use_log ${{inputs.use_log}}
    --error_threshold -1
    --resource_monitor_interval 0
  append_row_to: ${{outputs.summary}}

properties:
  AZUREML_PARALLEL_RUN_VERSION: "2"
  created_by: "sdk test"   # a trailing comment
  notes: 'It''s a test: keep it.'
...
"####;

#[divan::bench(args = ["component", "pipeline", "parallel_job"])]
fn parse_str(bencher: Bencher, name: &str) {
    let text = match name {
        "component" => COMPONENT,
        "pipeline" => PIPELINE,
        _ => PARALLEL_JOB,
    };
    bencher
        .counter(divan::counter::BytesCount::of_str(text))
        .bench(|| azml_pyio::yaml::parse_str(black_box(text)).map(|d| d.value));
}
