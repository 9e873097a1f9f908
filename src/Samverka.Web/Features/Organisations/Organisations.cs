using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Common;
using Samverka.Domain.Organisations;
using Samverka.Web.Data;
using Samverka.Web.Features.Api;

namespace Samverka.Web.Features.Organisations;

public sealed record OrganisationDto(
    Guid Id, string OrgNumber, string Name, LegalForm LegalForm, string LegalFormName,
    string? StreetAddress, string? PostalCode, string? City, string? Email, string? Phone, int? MemberCount,
    IReadOnlyList<BoardMember> Board, IReadOnlyList<ContactPerson> Contacts, Guid Version)
{
    public static OrganisationDto From(Organisation o) => new(o.Id, o.OrgNumber, o.Name, o.LegalForm, o.LegalForm.Swedish(),
        o.StreetAddress, o.PostalCode, o.City, o.Email, o.Phone, o.MemberCount, o.Board, o.Contacts, o.Version);
}

public sealed class BoardMemberInput
{
    public string? Name { get; set; }
    public string? Position { get; set; }
    public DateOnly? ElectedUntil { get; set; }
}

public sealed class ContactInput
{
    public string? Name { get; set; }
    public string? Role { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
}

/// <summary>What a client may set. Id, version history and scope are never taken from the body.</summary>
public sealed class OrganisationInput
{
    /// <summary>Only when registering; the number is the organisation's identity and never changes.</summary>
    public string? OrgNumber { get; set; }

    public string Name { get; set; } = "";
    public LegalForm? LegalForm { get; set; }
    public string? StreetAddress { get; set; }
    public string? PostalCode { get; set; }
    public string? City { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public int? MemberCount { get; set; }

    /// <summary>The whole board, replacing the stored one; leave out (null) to keep it as it is.</summary>
    public List<BoardMemberInput>? Board { get; set; }

    /// <summary>The contact persons, replacing the stored ones; leave out (null) to keep them.</summary>
    public List<ContactInput>? Contacts { get; set; }

    /// <summary>The version the edit is based on (from the last read); required when changing.</summary>
    public Guid? Version { get; set; }
}

/// <summary>Reads and writes of the organisation registry, shared by pages and API.</summary>
public sealed class OrganisationService(SamverkaDbContext db)
{
    public async Task<Page<OrganisationDto>> ListAsync(string? query, int? page, int? pageSize, CancellationToken ct)
    {
        var (number, size) = Page<OrganisationDto>.Clamp(page, pageSize);
        var q = db.Organisations.AsNoTracking();
        if (Texts.SearchTerm(query) is { } term)
        {
            // LIKE on the lower-cased search column: case-insensitive for å, ä and ö on both providers, and on
            // PostgreSQL served by a trigram index (migration CasesAndFunding) instead of a scan.
            var pattern = Like.Containing(term);
            q = q.Where(o => EF.Functions.Like(o.SearchText, pattern, Like.Escape));
        }

        var total = await q.CountAsync(ct);
        var items = await q.OrderBy(o => o.Name).ThenBy(o => o.Id).Skip((number - 1) * size).Take(size).ToListAsync(ct);
        return new Page<OrganisationDto>(items.Select(OrganisationDto.From).ToList(), number, size, total);
    }

    /// <summary>Whether the actor may edit the organisation and hand in its documents (ADR 0003).</summary>
    public Task<bool> MayWriteAsync(Guid id, CancellationToken ct) => db.MayWriteOrganisationAsync(id, ct);

    public Task<Organisation?> FindAsync(Guid id, CancellationToken ct) =>
        db.Organisations.FirstOrDefaultAsync(o => o.Id == id, ct);

    public async Task<Organisation> RegisterAsync(OrganisationInput input, CancellationToken ct)
    {
        var number = OrgNumber.Parse(input.OrgNumber);
        if (await db.Organisations.IgnoreQueryFilters().AnyAsync(o => o.OrgNumber == number.ToString(), ct))
        {
            throw new DomainException($"Organisationen med nummer {number} finns redan i registret.", nameof(OrganisationInput.OrgNumber));
        }

        var organisation = new Organisation(number, input.Name, input.LegalForm ?? Invalid());
        Apply(organisation, input);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(ct);
        return organisation;
    }

    public async Task UpdateAsync(Organisation organisation, OrganisationInput input, CancellationToken ct)
    {
        if (input.Version is not { } version)
        {
            throw new DomainException("Versionen saknas: läs organisationen först och skicka med dess version.", nameof(OrganisationInput.Version));
        }

        db.Entry(organisation).Property(o => o.Version).OriginalValue = version;
        Apply(organisation, input);
        await db.SaveChangesAsync(ct);
    }

    private static void Apply(Organisation organisation, OrganisationInput input)
    {
        organisation.Update(input.Name, input.LegalForm ?? Invalid(), input.StreetAddress, input.PostalCode, input.City,
            input.Email, input.Phone, input.MemberCount);
        if (input.Board is not null)
        {
            organisation.SetBoard(input.Board.Select(b => b is null ? null : new BoardMember(b.Name ?? "", b.Position ?? "", b.ElectedUntil)));
        }

        if (input.Contacts is not null)
        {
            organisation.SetContacts(input.Contacts.Select(c => c is null ? null : new ContactPerson(c.Name ?? "", c.Role, c.Email, c.Phone)));
        }
    }

    private static LegalForm Invalid() => throw new DomainException("Välj en associationsform.", nameof(OrganisationInput.LegalForm));
}
