// Grafana provisioning files: datasource files (apiVersion, datasources with name, type and url)
// and dashboard provider files (apiVersion, providers with name and options.path). Dashboard JSON
// files need a title and a panels list.
import { isMapping } from './mapping.ts';
import type { Validator } from './problem.ts';
import { singleDocument, type PathSegment } from './yaml-source.ts';

const ACCESS_MODES = ['proxy', 'direct'];

export const validateGrafana: Validator = singleDocument(({ file, doc, report }) => {
  const config = isMapping(doc.value) ? doc.value : {};

  if (file.path.endsWith('.json')) {
    if (typeof config.title !== 'string') report([], 'A dashboard JSON file needs a title.');
    if (!Array.isArray(config.panels)) report([], 'A dashboard JSON file needs a panels list.');
    return;
  }

  if (config.apiVersion === undefined) report([], 'apiVersion is required (Grafana provisioning files use apiVersion: 1).');
  const hasDatasources = 'datasources' in config;
  const hasProviders = 'providers' in config;
  if (!hasDatasources && !hasProviders) {
    report([], 'A provisioning file needs a datasources list (data sources) or a providers list (dashboards).');
  }
  if (hasDatasources) checkDatasources(config.datasources, report);
  if (hasProviders) checkProviders(config.providers, report);
});

type Report = (path: PathSegment[], message: string) => void;

function checkDatasources(list: unknown, report: Report) {
  if (!Array.isArray(list) || list.length === 0) {
    report(['datasources'], 'datasources must be a non-empty list.');
    return;
  }
  const names = new Set<string>();
  let defaults = 0;
  list.forEach((source: unknown, i) => {
    const at = ['datasources', i];
    if (!isMapping(source)) {
      report(at, 'Each datasource must be a mapping.');
      return;
    }
    for (const key of ['name', 'type', 'url']) {
      if (typeof source[key] !== 'string' || source[key] === '') report(at, `Datasource ${i + 1} needs a "${key}".`);
    }
    if (typeof source.name === 'string') {
      if (names.has(source.name)) report([...at, 'name'], `Datasource name "${source.name}" is used twice.`);
      names.add(source.name);
    }
    if (source.access !== undefined && !ACCESS_MODES.includes(String(source.access))) {
      report([...at, 'access'], `access must be ${ACCESS_MODES.join(' or ')}.`);
    }
    if (source.isDefault === true && ++defaults > 1) report([...at, 'isDefault'], 'Only one datasource can be the default.');
  });
}

function checkProviders(list: unknown, report: Report) {
  if (!Array.isArray(list) || list.length === 0) {
    report(['providers'], 'providers must be a non-empty list.');
    return;
  }
  list.forEach((provider: unknown, i) => {
    const at = ['providers', i];
    if (!isMapping(provider) || typeof provider.name !== 'string') report(at, `Dashboard provider ${i + 1} needs a name.`);
    const options = isMapping(provider) && isMapping(provider.options) ? provider.options : undefined;
    if (typeof options?.path !== 'string') report(at, `Dashboard provider ${i + 1} needs options.path, the folder Grafana loads dashboards from.`);
  });
}
