namespace Samverka.Domain.Common;

/// <summary>Every stored record has a stable id.</summary>
public abstract class Entity
{
    public Guid Id { get; protected set; } = Guid.CreateVersion7();
}

/// <summary>
/// A record people edit. <see cref="Version"/> is the optimistic-concurrency token: the
/// application replaces it on every save (SQLite has no server-generated row version), so a
/// save based on a stale read is refused instead of silently overwriting someone else's change.
/// </summary>
public interface IVersioned
{
    Guid Version { get; set; }
}

/// <summary>Changes to this record are written to the audit log in the same transaction.</summary>
public interface IAudited;

/// <summary>Owned by one municipality (tenant): only its users, and system administrators, see it.</summary>
public interface IMunicipalityOwned
{
    Guid MunicipalityId { get; }
}
