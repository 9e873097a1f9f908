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
