-- The application's own schema, in Flyway's default location and history (flyway_schema_history);
-- rpa-core keeps its tables' history apart, in rpa_schema_history.
create table orders (
  id bigint primary key,
  customer varchar(100) not null,
  status varchar(20) not null
);

insert into orders (id, customer, status) values (1, 'ACME', 'NEW'), (2, 'Globex', 'NEW');
