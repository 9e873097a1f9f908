using Microsoft.AspNetCore.Identity;
using Samverka.Domain.Common;

namespace Samverka.Web.Infrastructure.Auth;

/// <summary>
/// A person who signs in. One role per account; municipal roles are bound to one municipality,
/// organisation representatives to one or more organisations (<see cref="Organisations"/>).
/// </summary>
public sealed class ApplicationUser : IdentityUser<Guid>, IAudited
{
    public string DisplayName { get; set; } = "";
    public Role Role { get; set; }
    public Guid? MunicipalityId { get; set; }

    /// <summary>For committee members: the body they sit on, whose decisions make up their queue.</summary>
    public Guid? CommitteeId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>How many days before a deadline the person is reminded (<see cref="Domain.Deadlines.Reminders.DefaultLeadDays"/> unless they choose).</summary>
    public int ReminderLeadDays { get; set; } = Domain.Deadlines.Reminders.DefaultLeadDays;

    public List<UserOrganisation> Organisations { get; set; } = [];

    /// <summary>
    /// An administrator's block is a lockout without end; a lockout after wrong passwords
    /// ends after <see cref="AuthenticationSettings.LockoutMinutes"/>. Only the block stops tokens.
    /// </summary>
    public static readonly DateTimeOffset BlockedUntil = DateTimeOffset.MaxValue;

    /// <summary>By year, not to the tick: SQLite stores instants to about a millisecond.</summary>
    public static bool IsBlocked(DateTimeOffset? lockoutEnd) => lockoutEnd?.Year == BlockedUntil.Year;
}

/// <summary>That a representative acts for an organisation. Audited under the account, so adding or removing one shows in its history.</summary>
public sealed class UserOrganisation : IAudited
{
    public Guid UserId { get; set; }
    public Guid OrganisationId { get; set; }
}

/// <summary>
/// A signed-in session, held server-side so that signing out (or an administrator) ends it for
/// real and idle/absolute time-outs hold even if a cookie is copied.
/// </summary>
public sealed class UserSession
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastSeenAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public string? UserAgent { get; set; }
}

/// <summary>
/// A personal access token for integrations. Only the SHA-256 of the secret is stored; the
/// token acts with the role and scope of its owner.
/// </summary>
public sealed class PersonalAccessToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid UserId { get; set; }
    public string Name { get; set; } = "";
    public string Prefix { get; set; } = "";
    public string SecretHash { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }

    public bool IsActive(DateTimeOffset now) => RevokedAt is null && ExpiresAt > now;
}
