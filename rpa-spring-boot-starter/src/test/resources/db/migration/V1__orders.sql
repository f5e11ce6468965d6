-- The application's own schema, migrated by its own Flyway beside rpa-core's.
create table orders (
  id bigint primary key,
  status varchar(20) not null
);

insert into orders (id, status) values (1, 'NEW');
