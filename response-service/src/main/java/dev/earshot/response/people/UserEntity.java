package dev.earshot.response.people;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One person of the directory. The id is the name tokens carry (upn); the only secret is the bcrypt hash of the
 * inbox password (null: no form sign-in), which no view shows.
 */
@Entity
@Table(name = "app_user")
public class UserEntity {

    @Id
    public String id;

    @Column(name = "display_name")
    public String displayName;

    public String email;

    /** agent, lead or admin. */
    public String role;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> teams;

    @Column(name = "slack_user_id")
    public String slackUserId;

    /** Bcrypt (modular crypt form) of the inbox password; null when this person has none. */
    @Column(name = "password_hash")
    public String passwordHash;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    public boolean lead() {
        return "lead".equals(role) || "admin".equals(role);
    }
}
