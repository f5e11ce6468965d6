-- One B-tree less for every submit (issue 4). No query needs this index: job lists walk the primary
-- key newest first (ids are handed out in creation order), and a created_from / created_to filter
-- is checked on the rows of that walk, which stops at the page's limit.
DROP INDEX jobs_created;
