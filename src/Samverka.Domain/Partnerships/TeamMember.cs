using Samverka.Domain.Common;

namespace Samverka.Domain.Partnerships;

/// <summary>
/// A person working in the partnership, on the municipality's or the organisation's side: the
/// only people who see its participants, consents and day notes. Kept per municipality (the
/// controller of the personal data), added and removed by the municipality.
/// </summary>
public sealed class TeamMember : Entity, IMunicipalityOwned, IAudited
{
    private TeamMember() { }

    public TeamMember(Guid partnershipId, Guid municipalityId, Guid userId, string name, string side, string addedBy, DateTimeOffset at)
    {
        PartnershipId = partnershipId;
        MunicipalityId = municipalityId;
        UserId = userId;
        Name = name;
        Side = side;
        AddedBy = addedBy;
        AddedAt = at;
    }

    public Guid PartnershipId { get; private set; }
    public Guid MunicipalityId { get; private set; }
    public Guid UserId { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>The party the person works for (the municipality's or the organisation's name).</summary>
    public string Side { get; private set; } = "";
    public string AddedBy { get; private set; } = "";
    public DateTimeOffset AddedAt { get; private set; }
}

/// <summary>
/// A change of the team: who joined or left, for which side, by whom, when and why. Append-only:
/// the team's history. A change that widens or narrows who sees the personal data by other
/// means than the team's own work carries a reason (<see cref="NeedsReason"/>).
/// </summary>
public sealed class TeamChange : Entity, IMunicipalityOwned
{
    public const int MaxReason = 500;

    private TeamChange() { }

    public TeamChange(Guid partnershipId, Guid municipalityId, string member, string side, bool joined, string? reason, string by, DateTimeOffset at)
    {
        PartnershipId = partnershipId;
        MunicipalityId = municipalityId;
        Member = member;
        Side = side;
        Joined = joined;
        Reason = reason;
        By = by;
        At = at;
    }

    public Guid PartnershipId { get; private set; }
    public Guid MunicipalityId { get; private set; }
    public string Member { get; private set; } = "";
    public string Side { get; private set; } = "";
    public bool Joined { get; private set; }
    public string? Reason { get; private set; }
    public string By { get; private set; } = "";
    public DateTimeOffset At { get; private set; }

    /// <summary>
    /// A reason is needed when the change is made by someone not on the team (a municipal
    /// administrator's power), when one adds oneself, or when it leaves the team without an
    /// official of the municipality: each makes personal data reachable, or its keeping unwatched.
    /// </summary>
    public static bool NeedsReason(bool actorOnTeam, bool addsSelf, bool leavesNoOfficial) => !actorOnTeam || addsSelf || leavesNoOfficial;

    /// <summary>The reason, trimmed and bounded; required when <see cref="NeedsReason"/> says so.</summary>
    public static string? CheckReason(string? reason, bool required) =>
        Texts.Optional(reason, "Reason", MaxReason) is { } given ? given
        : required ? throw new DomainException("Ange varför du ändrar teamet. Skälet visas för dem som arbetar i partnerskapet och i teamets historik.", "Reason")
        : null;
}
