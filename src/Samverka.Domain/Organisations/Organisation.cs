using Samverka.Domain.Common;

namespace Samverka.Domain.Organisations;

/// <summary>
/// An idea-based organisation. National: keyed by its organisationsnummer and able to partner
/// with several municipalities, so it belongs to no tenant.
/// </summary>
public sealed class Organisation : Entity, IVersioned, IAudited
{
    private Organisation() { }

    public Organisation(OrgNumber orgNumber, string name, LegalForm legalForm)
    {
        OrgNumber = orgNumber.ToString();
        Update(name, legalForm, null, null, null, null, null, null);
    }

    public string OrgNumber { get; private set; } = "";
    public string Name { get; private set; } = "";
    public LegalForm LegalForm { get; private set; }
    public string? StreetAddress { get; private set; }
    public string? PostalCode { get; private set; }
    public string? City { get; private set; }
    public string? Email { get; private set; }
    public string? Phone { get; private set; }
    public int? MemberCount { get; private set; }

    /// <summary>Name, number (with and without the hyphen) and town in lower case: what the registry search matches, case-insensitively with å, ä and ö.</summary>
    public string SearchText { get; private set; } = "";

    /// <summary>The board (styrelse) as last reported, chair first.</summary>
    public IReadOnlyList<BoardMember> Board { get; private set; } = [];

    /// <summary>Who the municipality contacts about partnerships.</summary>
    public IReadOnlyList<ContactPerson> Contacts { get; private set; } = [];

    public Guid Version { get; set; }

    /// <summary>Replaces the board. Rows without a name are ignored; a row with a name needs a position.</summary>
    public void SetBoard(IEnumerable<BoardMember?>? members)
    {
        var list = new List<BoardMember>();
        var index = 0;
        foreach (var m in members ?? [])
        {
            var i = index++;
            if (m is null || string.IsNullOrWhiteSpace(m.Name))
            {
                if (!string.IsNullOrWhiteSpace(m?.Position))
                {
                    throw new DomainException("Ange namnet på styrelseledamoten.", $"Board[{i}].Name");
                }

                continue;
            }

            list.Add(new(Texts.Optional(m.Name, $"Board[{i}].Name", 120)!,
                Texts.Optional(m.Position, $"Board[{i}].Position", 60) ?? throw new DomainException("Ange uppdraget, till exempel ordförande eller ledamot.", $"Board[{i}].Position"),
                m.ElectedUntil));
        }

        Board = list.Count > 40 ? throw new DomainException("Högst 40 styrelseledamöter.", "Board") : list;
    }

    /// <summary>Replaces the contact persons. Rows without a name are ignored; each needs an e-mail address or a phone number.</summary>
    public void SetContacts(IEnumerable<ContactPerson?>? contacts)
    {
        var list = new List<ContactPerson>();
        var index = 0;
        foreach (var c in contacts ?? [])
        {
            var i = index++;
            if (c is null || string.IsNullOrWhiteSpace(c.Name))
            {
                if (!string.IsNullOrWhiteSpace(c?.Email) || !string.IsNullOrWhiteSpace(c?.Phone))
                {
                    throw new DomainException("Ange kontaktpersonens namn.", $"Contacts[{i}].Name");
                }

                continue;
            }

            var email = Texts.Optional(c.Email, $"Contacts[{i}].Email", 254);
            if (email is not null && !LooksLikeEmail(email))
            {
                throw new DomainException("Ange en giltig e-postadress, till exempel namn@forening.se.", $"Contacts[{i}].Email");
            }

            var phone = Texts.Optional(c.Phone, $"Contacts[{i}].Phone", 40);
            if (email is null && phone is null)
            {
                throw new DomainException("Ange e-post eller telefon till kontaktpersonen.", $"Contacts[{i}].Email");
            }

            list.Add(new(Texts.Optional(c.Name, $"Contacts[{i}].Name", 120)!, Texts.Optional(c.Role, $"Contacts[{i}].Role", 60), email, phone));
        }

        Contacts = list.Count > 10 ? throw new DomainException("Högst 10 kontaktpersoner.", "Contacts") : list;
    }

    /// <summary>Changes what the organisation says about itself. The number is its identity and never changes.</summary>
    public void Update(string name, LegalForm legalForm, string? streetAddress, string? postalCode, string? city,
        string? email, string? phone, int? memberCount)
    {
        name = (name ?? "").Trim();
        if (name.Length is 0 or > 200)
        {
            throw new DomainException("Ange organisationens namn (högst 200 tecken).", nameof(Name));
        }

        if (!Enum.IsDefined(legalForm))
        {
            throw new DomainException("Välj en associationsform.", nameof(LegalForm));
        }

        var mismatch = legalForm.MismatchWith(Organisations.OrgNumber.Parse(OrgNumber));
        if (mismatch is not null)
        {
            throw new DomainException(mismatch, nameof(LegalForm));
        }

        postalCode = Texts.Trimmed(postalCode);
        if (postalCode is not null)
        {
            var digits = postalCode.Replace(" ", "", StringComparison.Ordinal);
            if (digits.Length != 5 || !digits.All(char.IsAsciiDigit))
            {
                throw new DomainException("Postnumret ska ha fem siffror, till exempel 444 30.", nameof(PostalCode));
            }

            postalCode = $"{digits[..3]} {digits[3..]}";
        }

        email = Texts.Trimmed(email);
        if (email is not null && (email.Length > 254 || !LooksLikeEmail(email)))
        {
            throw new DomainException("Ange en giltig e-postadress, till exempel info@forening.se.", nameof(Email));
        }

        if (Texts.Trimmed(streetAddress) is { Length: > 200 })
        {
            throw new DomainException("Gatuadressen får vara högst 200 tecken.", nameof(StreetAddress));
        }

        if (Texts.Trimmed(city) is { Length: > 100 })
        {
            throw new DomainException("Orten får vara högst 100 tecken.", nameof(City));
        }

        if (Texts.Trimmed(phone) is { Length: > 40 })
        {
            throw new DomainException("Telefonnumret får vara högst 40 tecken.", nameof(Phone));
        }

        if (memberCount is < 0)
        {
            throw new DomainException("Antalet medlemmar kan inte vara negativt.", nameof(MemberCount));
        }

        Name = name;
        LegalForm = legalForm;
        StreetAddress = Texts.Trimmed(streetAddress);
        PostalCode = postalCode;
        City = Texts.Trimmed(city);
        Email = email;
        Phone = Texts.Trimmed(phone);
        MemberCount = memberCount;
        RefreshSearchText();
    }

    /// <summary>Recomputes <see cref="SearchText"/> from what is stored, without validating anything again (for records saved before it existed).</summary>
    public void RefreshSearchText() =>
        SearchText = Searchable($"{Name} {OrgNumber} {OrgNumber.Replace("-", "", StringComparison.Ordinal)} {City}");

    /// <summary>How a search term and <see cref="SearchText"/> are compared: lower case, single spaces.</summary>
    public static string Searchable(string? text) =>
        string.Join(' ', (text ?? "").ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static bool LooksLikeEmail(string email) =>
        email.Contains('@', StringComparison.Ordinal) && !email.StartsWith('@') && !email.EndsWith('@') && !email.Any(char.IsWhiteSpace);
}

/// <summary>A member of the organisation's board: name, position (ordförande, kassör, ledamot, suppleant …) and, if known, until when elected.</summary>
public sealed record BoardMember(string Name, string Position, DateOnly? ElectedUntil = null);

/// <summary>A contact person for partnerships.</summary>
public sealed record ContactPerson(string Name, string? Role, string? Email, string? Phone);
