-- Replace the kzkg graph with /srv/kzkg/dist/kzkg.ttl through Virtuoso's bulk loader.
-- The file goes into a staging graph first and one MOVE puts it in place (docs/stores.md).
-- A file the loader has loaded once is skipped forever after: forget it first.
DELETE FROM DB.DBA.load_list WHERE ll_file = '/srv/kzkg/dist/kzkg.ttl';
SPARQL CLEAR GRAPH <urn:kzkg:bulk-staging>;
ld_dir ('/srv/kzkg/dist', 'kzkg.ttl', 'urn:kzkg:bulk-staging');
rdf_loader_run ();
SELECT ll_file, ll_error FROM DB.DBA.load_list WHERE ll_error IS NOT NULL;
SPARQL MOVE <urn:kzkg:bulk-staging> TO <https://w3id.org/kzkg/graph/kzkg>;
checkpoint;
