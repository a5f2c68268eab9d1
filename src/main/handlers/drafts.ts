import type { HandlersOf } from '../../shared/contract';
import { exportDoc, readSpecFile, serialize, type Names } from '../drafts/spec-files';
import type { Services } from '../services';

export function draftHandlers(s: Services): HandlersOf<'drafts'> {
  const { specDocs, settings, emit } = s;
  const changed = <T>(value: T) => {
    emit('drafts.changed', {});
    return value;
  };
  /** Managers and their clusters by name, as the inventory last saw them, for spec files. */
  const names = (): Names => ({
    managers: s.registry.all().map((r) => ({ id: r.id, name: r.name, clusters: (s.inventory.get(r.id).clusters ?? []).map((c) => ({ id: c.id, name: c.name })) })),
  });
  return {
    'drafts.list': async () => ({ drafts: specDocs.list('draft'), templates: specDocs.list('template'), openDraftId: settings.get().openDraftId }),
    'drafts.get': async ({ id }) => specDocs.get(id),
    'drafts.save': async (input) => {
      const saved = await specDocs.save(input);
      if (!input.id) await settings.update({ openDraftId: saved.id });
      return changed(saved);
    },
    'drafts.rename': async ({ id, name }) => changed(await specDocs.rename(id, name)),
    'drafts.duplicate': async ({ id }) => changed(await specDocs.duplicate(id)),
    'drafts.delete': async ({ id }) => {
      const res = await specDocs.delete(id);
      if (settings.get().openDraftId === id) await settings.update({ openDraftId: null });
      return changed(res);
    },
    'drafts.restore': async ({ id }) => changed(await specDocs.restore(id)),
    'drafts.open': async ({ id }) => {
      if (id) specDocs.get(id);
      await settings.update({ openDraftId: id });
      return { openDraftId: id };
    },
    'drafts.saveAsTemplate': async ({ draftId, name, variables }) => changed(await specDocs.saveAsTemplate(draftId, name, variables)),
    'drafts.fromTemplate': async ({ templateId, values }) => {
      const draft = await specDocs.fromTemplate(templateId, values);
      await settings.update({ openDraftId: draft.id });
      return changed(draft);
    },
    'drafts.export': async ({ ids, format }) => {
      const at = new Date(s.app.now()).toISOString();
      const docs = ids.map((id) => exportDoc(specDocs.raw(id), names(), at));
      const base = ids.length === 1 ? specDocs.raw(ids[0]!).name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'preheat' : `preheats-${docs.length}`;
      return { fileName: `${base}.${format === 'yaml' ? 'yaml' : 'json'}`, content: serialize(docs, format), count: docs.length };
    },
    'drafts.import': async ({ fileName, content, secrets }) => {
      const { docs, warnings } = readSpecFile(fileName, content, names());
      const needed = [...new Set(docs.flatMap((d) => d.secretHeaders))];
      const missing = needed.filter((h) => !secrets?.[h]);
      if (missing.length) return { status: 'needs-secrets' as const, headers: missing, warnings };
      const imported = [];
      for (const d of docs) {
        const spec = { ...d.spec, headers: d.spec.headers.map((h) => (d.secretHeaders.includes(h.name) ? { ...h, value: secrets![h.name]! } : h)) };
        imported.push(await specDocs.add({ ...d, spec }));
      }
      return changed({ status: 'imported' as const, imported, warnings });
    },
  };
}
