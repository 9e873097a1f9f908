using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Samverka.Domain.Cases;
using Samverka.Domain.Common;
using Samverka.Domain.Guidelines;
using Samverka.Domain.Formatting;
using Samverka.Domain.Organisations;
using Samverka.Web.Data;
using Samverka.Web.Data.Configurations;
using Samverka.Web.Features.Guidelines;
using Samverka.Web.Infrastructure.Auth;

namespace Samverka.Web.Features.Organisations;

public sealed record DocumentDto(Guid Id, Guid OrganisationId, string Kind, int Year, string FileName, FileFormat Format, long Size,
    string Sha256, DateTimeOffset UploadedAt, string UploadedBy)
{
    public static DocumentDto From(OrganisationDocument d) =>
        new(d.Id, d.OrganisationId, d.Kind, d.Year, d.FileName, d.Format, d.Size, d.Sha256, d.UploadedAt, d.UploadedBy);

    public string ContentUrl => $"/api/v1/organisations/{OrganisationId}/documents/{Id}/content";
}

public sealed record CompletenessDto(string GuidelineTitle, int GuidelineNumber, IReadOnlyList<DocumentRequirement> Requirements);

/// <summary>The documents an organisation hands in. Their visibility is the organisation's (the same scope filter).</summary>
public sealed class DocumentService(SamverkaDbContext db, GuidelineService guidelines, CurrentUserAccessor me, TimeProvider clock)
{
    public async Task<IReadOnlyList<DocumentDto>> ListAsync(Guid organisationId, CancellationToken ct) =>
        (await db.OrganisationDocuments.AsNoTracking().Where(d => d.OrganisationId == organisationId)
            .OrderBy(d => d.Kind).ThenByDescending(d => d.Year).ThenByDescending(d => d.UploadedAt).Take(500).ToListAsync(ct))
        .Select(DocumentDto.From).ToList();

    public async Task<DocumentDto> UploadAsync(Guid organisationId, string? kind, int? year, IFormFile? file, CancellationToken ct)
    {
        var (bytes, format) = await ReadCheckedAsync(file, ct);
        var document = new OrganisationDocument(organisationId, kind ?? "", year ?? 0, file!.FileName, format, bytes.LongLength,
            Convert.ToHexStringLower(SHA256.HashData(bytes)), clock.GetUtcNow(), me.User.Name, Swedish.Today(clock).Year);
        db.OrganisationDocuments.Add(document);
        db.StoredFiles.Add(new StoredFile { Id = document.Id, Content = bytes });
        await db.SaveChangesAsync(ct);
        return DocumentDto.From(document);
    }

    /// <summary>The file, if the document is visible to the actor.</summary>
    public async Task<(OrganisationDocument Document, byte[] Content)?> OpenAsync(Guid organisationId, Guid documentId, CancellationToken ct)
    {
        var document = await db.OrganisationDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.OrganisationId == organisationId, ct);
        if (document is null)
        {
            return null;
        }

        var content = await db.StoredFiles.AsNoTracking().Where(f => f.Id == documentId).Select(f => f.Content).SingleAsync(ct);
        return (document, content);
    }

    /// <summary>
    /// Against the current guidelines of the actor's municipality; for a representative, against the
    /// guideline version of the organisation's newest open case (what it must hand in next).
    /// </summary>
    public async Task<CompletenessDto?> CompletenessAsync(Guid organisationId, CancellationToken ct)
    {
        if (await ApplicableGuidelineAsync(organisationId, ct) is not { } guideline)
        {
            return null;
        }

        var handedIn = await db.OrganisationDocuments.AsNoTracking().Where(d => d.OrganisationId == organisationId)
            .Select(d => new { d.Kind, d.Year }).ToListAsync(ct);
        return new(guideline.Title, guideline.Number, DocumentCompleteness.Against(guideline.Rules.RequiredDocuments,
            handedIn.Select(d => (d.Kind, d.Year)), Swedish.Today(clock).Year));
    }

    /// <summary>The kinds to choose from: the applicable guideline's required documents first, then the common ones.</summary>
    public async Task<IReadOnlyList<string>> KindsAsync(Guid organisationId, CancellationToken ct)
    {
        var required = await ApplicableGuidelineAsync(organisationId, ct) is { } g ? g.Rules.RequiredDocuments : [];
        return required.Concat(DocumentKinds.Common).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private async Task<Guideline?> ApplicableGuidelineAsync(Guid organisationId, CancellationToken ct)
    {
        var municipality = me.User.MunicipalityIds.FirstOrDefault();
        if (municipality != Guid.Empty)
        {
            return await guidelines.CurrentAsync(municipality, ct);
        }

        var guidelineId = await db.Cases.AsNoTracking()
            .Where(c => c.OrganisationIds.Contains(organisationId) && c.State != CaseState.Approved && c.State != CaseState.Rejected && c.State != CaseState.Withdrawn)
            .OrderByDescending(c => c.OpenedAt).Select(c => (Guid?)c.GuidelineId).FirstOrDefaultAsync(ct);
        return guidelineId is { } id ? await guidelines.FindAsync(id, ct) : null;
    }

    /// <summary>An uploaded file's bytes and its format, judged by content: refused when empty, too big or of a type not accepted.</summary>
    public static async Task<(byte[] Bytes, FileFormat Format)> ReadCheckedAsync(IFormFile? file, CancellationToken ct, string field = "File")
    {
        if (file is null || file.Length == 0)
        {
            throw new DomainException("Välj en fil att ladda upp.", field);
        }

        if (file.Length > FileFormats.MaxBytes)
        {
            throw new DomainException($"Filen {file.FileName} är för stor: högst {FileFormats.MaxBytes / 1024 / 1024} MB.", field);
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var format = FileFormats.Detect(bytes, () => ZipEntries(bytes))
            ?? throw new DomainException($"Filtypen godtas inte ({file.FileName}). Ladda upp PDF, Word (.docx, .doc), OpenDocument-text, PNG eller JPEG.", field);
        return (bytes, format);
    }

    private static IReadOnlyCollection<string> ZipEntries(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            return zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        }
        catch (InvalidDataException)
        {
            return [];
        }
    }
}
