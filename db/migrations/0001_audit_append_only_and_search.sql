-- The audit log is append-only, enforced by the database itself: no role the app connects with
-- can rewrite history, whatever bug or query reaches it.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate
  BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
-- Diacritic-insensitive matching for Vietnamese ("lao cai" finds "Lào Cai") without the unaccent
-- extension, which the embedded PGlite build does not ship. IMMUTABLE, so it can back an index.
-- Text is stored NFC-normalised by the forms, so precomposed letters are all it must fold.
CREATE OR REPLACE FUNCTION unaccent_vi(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT lower(translate(value,
    'àáãảạèéẽẻẹìíĩỉịòóõỏọùúũủụỳýỹỷỵÀÁÃẢẠÈÉẼẺẸÌÍĨỈỊÒÓÕỎỌÙÚŨỦỤỲÝỸỶỴăằắẵẳặâầấẫẩậêềếễểệôồốỗổộơờớỡởợưừứữửựĂẰẮẴẲẶÂẦẤẪẨẬÊỀẾỄỂỆÔỒỐỖỔỘƠỜỚỠỞỢƯỪỨỮỬỰđĐ',
    'aaaaaeeeeeiiiiiooooouuuuuyyyyyaaaaaeeeeeiiiiiooooouuuuuyyyyyaaaaaaaaaaaaeeeeeeoooooooooooouuuuuuaaaaaaaaaaaaeeeeeeoooooooooooouuuuuudd'))
$$;
