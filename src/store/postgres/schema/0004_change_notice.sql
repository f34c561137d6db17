-- 0004: every committed change is announced on the channel
-- `pcso_tracker_change`, so open apps read their screens again at once
-- instead of asking the server over and over. Every recorded change
-- appends history rows, so one trigger on history covers them all.
--
-- The notice carries nothing: any login may listen on any channel, and
-- notices pass by row-level security, so even ids would tell a login about
-- records it cannot read. A listener reads again through its own grants.
-- The server sends a notice only when the transaction commits, and sends
-- identical notices of one transaction once.

CREATE FUNCTION pcso_announce_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
BEGIN
    PERFORM pg_notify('pcso_tracker_change', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER announce_change AFTER INSERT ON history
FOR EACH STATEMENT EXECUTE FUNCTION pcso_announce_change();
