-- Not rpa-core's: the schema of the small application in EmbeddingContract, at Flyway's default
-- location. Being on rpa-core's test classpath, it shows that rpa-core's own migrations never read
-- this location (a second version 1 would make them fail).
CREATE TABLE orders (
  id BIGINT PRIMARY KEY,
  item VARCHAR(100) NOT NULL
);
