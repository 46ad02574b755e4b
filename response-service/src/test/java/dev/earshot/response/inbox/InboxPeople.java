package dev.earshot.response.inbox;

import javax.sql.DataSource;

import dev.earshot.response.task.TestData;
import io.quarkus.elytron.security.common.BcryptUtil;

/** People of the directory with an inbox password, written straight into the test database. */
final class InboxPeople {

    private InboxPeople() {
    }

    static void add(DataSource dataSource, String email, String role, String password, String... teams) {
        String hash = BcryptUtil.bcryptHash(password, 4);
        TestData.sql(dataSource, "INSERT INTO app_user (id, display_name, email, role, teams, password_hash, created_at, "
                + "updated_at) VALUES ('" + email + "', '" + email + "', '" + email + "', '" + role + "', '{"
                + String.join(",", teams) + "}', '" + hash + "', now(), now())");
    }

    /** The other tests run with an empty directory (the old rules). */
    static void removeAll(DataSource dataSource) {
        TestData.sql(dataSource, "DELETE FROM app_user");
    }
}
