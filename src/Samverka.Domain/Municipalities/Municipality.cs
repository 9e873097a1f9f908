using Samverka.Domain.Common;

namespace Samverka.Domain.Municipalities;

/// <summary>A kommun: the tenant. Its users, committees, guidelines and partnerships are its own.</summary>
public sealed class Municipality : Entity, IVersioned, IAudited, IMunicipalityOwned
{
    private Municipality() { }

    public Municipality(string name, string orgNumber, string? slug = null)
    {
        Rename(name);
        OrgNumber = orgNumber;
        Slug = slug ?? Slugify(name);
    }

    public string Name { get; private set; } = "";
    public string OrgNumber { get; private set; } = "";

    /// <summary>Used in public addresses, e.g. /register/stenungsund.</summary>
    public string Slug { get; private set; } = "";

    public string? ContactEmail { get; private set; }

    /// <summary>How long the organisation's day notes about participants are kept, in months, before they are deleted.</summary>
    public int DayNoteRetentionMonths { get; private set; } = DefaultDayNoteRetentionMonths;

    public const int DefaultDayNoteRetentionMonths = 12;

    public Guid Version { get; set; }

    Guid IMunicipalityOwned.MunicipalityId => Id;

    public void Rename(string name)
    {
        name = (name ?? "").Trim();
        if (name.Length is < 2 or > 100)
        {
            throw new DomainException("Ange kommunens namn (2–100 tecken).", nameof(Name));
        }

        Name = name;
    }

    /// <summary>The retention period for day notes: 1–60 months (the lasting record is kept in the municipality's own system).</summary>
    public void SetDayNoteRetention(int? months)
    {
        if (months is not (>= 1 and <= 60))
        {
            throw new DomainException("Ange hur många månader daganteckningar sparas (1–60).", nameof(DayNoteRetentionMonths));
        }

        DayNoteRetentionMonths = months.Value;
    }

    public void SetContactEmail(string? email)
    {
        email = Texts.Trimmed(email);
        if (email is not null && (!email.Contains('@', StringComparison.Ordinal) || email.Length > 254))
        {
            throw new DomainException("Ange en giltig e-postadress.", nameof(ContactEmail));
        }

        ContactEmail = email;
    }

    public static string Slugify(string name)
    {
        var s = name.Trim().ToLowerInvariant()
            .Replace("å", "a", StringComparison.Ordinal).Replace("ä", "a", StringComparison.Ordinal)
            .Replace("ö", "o", StringComparison.Ordinal).Replace("é", "e", StringComparison.Ordinal);
        s = s.Replace("s kommun", "", StringComparison.Ordinal).Replace(" kommun", "", StringComparison.Ordinal);
        return new string(s.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
    }
}
