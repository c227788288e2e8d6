-- Virtuoso's /sparql-auth and /sparql-graph-crud-auth accept Digest only. These two paths take
-- HTTP Basic as well (use them behind TLS): SPARQL query/update and the Graph Store Protocol.
DB.DBA.VHOST_REMOVE (lpath=>'/sparql-basic');
DB.DBA.VHOST_DEFINE (lpath=>'/sparql-basic', ppath=>'/!sparql/', is_dav=>1, vsp_user=>'dba',
  opts=>vector ('noinherit', 1), auth_fn=>'DB.DBA.HP_AUTH_SPARQL_USER', realm=>'SPARQL',
  sec=>'basic');
DB.DBA.VHOST_REMOVE (lpath=>'/sparql-graph-crud-basic');
DB.DBA.VHOST_DEFINE (lpath=>'/sparql-graph-crud-basic', ppath=>'/!sparql-graph-crud/', is_dav=>1,
  vsp_user=>'dba', opts=>vector ('noinherit', 1, 'exec_as_get', 1),
  auth_fn=>'DB.DBA.HP_AUTH_SPARQL_USER', realm=>'SPARQL', sec=>'basic');
