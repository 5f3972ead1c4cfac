// Prometheus server configs: known top-level sections and a scrape_configs list whose jobs are
// named uniquely and whose static targets are host:port, not URLs.
import { isMapping } from './mapping.ts';
import type { Validator } from './problem.ts';
import { singleDocument } from './yaml-source.ts';

const TOP_LEVEL = new Set([
  'global', 'runtime', 'rule_files', 'scrape_config_files', 'scrape_configs', 'alerting', 'remote_write',
  'remote_read', 'storage', 'tracing', 'otlp',
]);

export const validatePrometheus: Validator = singleDocument(({ doc, report }) => {
  const config = isMapping(doc.value) ? doc.value : {};

  for (const key of Object.keys(config)) {
    if (!TOP_LEVEL.has(key)) report([key], `Unknown top-level key "${key}" for a Prometheus config.`);
  }
  const jobs = config.scrape_configs;
  if (!Array.isArray(jobs) || jobs.length === 0) {
    report([], 'scrape_configs is missing or empty; Prometheus would scrape nothing.');
    return;
  }
  const names = new Set<string>();
  jobs.forEach((job: unknown, i) => {
    const at = ['scrape_configs', i];
    if (!isMapping(job) || typeof job.job_name !== 'string' || job.job_name === '') {
      report(at, 'Every scrape config needs a job_name.');
      return;
    }
    if (names.has(job.job_name)) report([...at, 'job_name'], `job_name "${job.job_name}" is used twice.`);
    names.add(job.job_name);
    const statics = Array.isArray(job.static_configs) ? job.static_configs : [];
    statics.forEach((entry: unknown, s) => {
      const targets = isMapping(entry) ? entry.targets : undefined;
      if (!Array.isArray(targets)) {
        report([...at, 'static_configs', s], 'static_configs entries need a targets list.');
        return;
      }
      targets.forEach((target: unknown, t) => {
        if (typeof target !== 'string' || target.includes('://') || target.includes('/')) {
          report([...at, 'static_configs', s, 'targets', t], `Target "${String(target)}" must be host:port; set scheme and metrics_path on the job instead.`);
        }
      });
    });
  });
});
