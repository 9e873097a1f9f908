namespace Samverka.Web.Infrastructure.Audit;

public enum AuditAction
{
    Created = 1,
    Updated = 2,
    Deleted = 3,

    /// <summary>Personal data handed out (a person's own data on request), recorded without the data.</summary>
    Exported = 4,
}

/// <summary>
/// One change to one record: who, when, what, before and after. Written by the DbContext in the
/// same SaveChanges (so the same transaction) as the change; never updated or deleted (the
/// DbContext refuses, and database triggers refuse too).
/// </summary>
public sealed class AuditEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public DateTimeOffset At { get; set; }
    public Guid? ActorId { get; set; }
    public string ActorName { get; set; } = "";
    public string EntityType { get; set; } = "";
    public Guid EntityId { get; set; }
    public AuditAction Action { get; set; }

    /// <summary>JSON object: property → { "before": …, "after": … } for the properties that changed.</summary>
    public string Changes { get; set; } = "{}";

    /// <summary>The tenant the record belongs to; null for national records (organisations, users without one).</summary>
    public Guid? MunicipalityId { get; set; }

    /// <summary>The organisation the record concerns, if any.</summary>
    public Guid? OrganisationId { get; set; }

    /// <summary>The record this one belongs to (a partnership, for its meetings, payments, follow-ups …), so the partnership's history lists its records' changes too.</summary>
    public Guid? ParentId { get; set; }

    public string? TraceId { get; set; }
}
