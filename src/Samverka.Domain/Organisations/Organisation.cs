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
    public Guid Version { get; set; }

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

        postalCode = Clean(postalCode);
        if (postalCode is not null)
        {
            var digits = postalCode.Replace(" ", "", StringComparison.Ordinal);
            if (digits.Length != 5 || !digits.All(char.IsAsciiDigit))
            {
                throw new DomainException("Postnumret ska ha fem siffror, till exempel 444 30.", nameof(PostalCode));
            }

            postalCode = $"{digits[..3]} {digits[3..]}";
        }

        email = Clean(email);
        if (email is not null && (email.Length > 254 || !email.Contains('@', StringComparison.Ordinal) || email.StartsWith('@') || email.EndsWith('@')))
        {
            throw new DomainException("Ange en giltig e-postadress, till exempel info@forening.se.", nameof(Email));
        }

        if (Clean(streetAddress) is { Length: > 200 })
        {
            throw new DomainException("Gatuadressen får vara högst 200 tecken.", nameof(StreetAddress));
        }

        if (Clean(city) is { Length: > 100 })
        {
            throw new DomainException("Orten får vara högst 100 tecken.", nameof(City));
        }

        if (Clean(phone) is { Length: > 40 })
        {
            throw new DomainException("Telefonnumret får vara högst 40 tecken.", nameof(Phone));
        }

        if (memberCount is < 0)
        {
            throw new DomainException("Antalet medlemmar kan inte vara negativt.", nameof(MemberCount));
        }

        Name = name;
        LegalForm = legalForm;
        StreetAddress = Clean(streetAddress);
        PostalCode = postalCode;
        City = Clean(city);
        Email = email;
        Phone = Clean(phone);
        MemberCount = memberCount;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
