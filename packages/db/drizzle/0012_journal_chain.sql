-- placeholder: filled in by the work of issue 8
select 1;
