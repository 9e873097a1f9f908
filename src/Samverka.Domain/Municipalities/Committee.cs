using Samverka.Domain.Common;

namespace Samverka.Domain.Municipalities;

/// <summary>
/// A nämnd, or kommunstyrelsen (the executive board, above all others). Decides partnerships
/// within its remit and budget frame.
/// </summary>
public sealed class Committee : Entity, IVersioned, IAudited, IMunicipalityOwned
{
    private Committee() { }

    public Committee(Guid municipalityId, string name, bool isExecutiveBoard, string? remit = null)
    {
        MunicipalityId = municipalityId;
        IsExecutiveBoard = isExecutiveBoard;
        Update(name, remit);
    }

    public Guid MunicipalityId { get; private set; }
    public string Name { get; private set; } = "";

    /// <summary>Kommunstyrelsen (KS). Exactly one per municipality.</summary>
    public bool IsExecutiveBoard { get; private set; }

    /// <summary>What the committee is responsible for (its reglemente, in short).</summary>
    public string? Remit { get; private set; }

    /// <summary>The prefix of its case numbers, e.g. "KS" in "KS 2026/123".</summary>
    public string? CaseNumberPrefix { get; private set; }

    public Guid Version { get; set; }

    public void Update(string name, string? remit, string? caseNumberPrefix = null)
    {
        name = (name ?? "").Trim();
        if (name.Length is < 2 or > 120)
        {
            throw new DomainException("Ange nämndens namn (2–120 tecken).", nameof(Name));
        }

        remit = Texts.Trimmed(remit);
        if (remit is { Length: > 2000 })
        {
            throw new DomainException("Ansvarsområdet får vara högst 2 000 tecken.", nameof(Remit));
        }

        caseNumberPrefix = Texts.Trimmed(caseNumberPrefix)?.ToUpperInvariant();
        if (caseNumberPrefix is not null && (caseNumberPrefix.Length > 10 || !caseNumberPrefix.All(c => char.IsLetter(c) || c == '-')))
        {
            throw new DomainException("Diarieprefixet får bara innehålla bokstäver (högst 10), till exempel KS eller SN.", nameof(CaseNumberPrefix));
        }

        Name = name;
        Remit = remit;
        CaseNumberPrefix = caseNumberPrefix;
    }
}
