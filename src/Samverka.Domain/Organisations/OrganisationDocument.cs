using Samverka.Domain.Common;

namespace Samverka.Domain.Organisations;

/// <summary>The kinds of file the registry accepts, recognised by their content, never by their name.</summary>
public enum FileFormat
{
    Pdf = 1,
    Docx = 2,
    Doc = 3,
    Png = 4,
    Jpeg = 5,
    Odt = 6,
}

public static class FileFormats
{
    public const long MaxBytes = 20 * 1024 * 1024;

    public static string ContentType(this FileFormat format) => format switch
    {
        FileFormat.Pdf => "application/pdf",
        FileFormat.Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        FileFormat.Doc => "application/msword",
        FileFormat.Png => "image/png",
        FileFormat.Jpeg => "image/jpeg",
        FileFormat.Odt => "application/vnd.oasis.opendocument.text",
        _ => "application/octet-stream",
    };

    public static string Extension(this FileFormat format) => format switch
    {
        FileFormat.Pdf => ".pdf",
        FileFormat.Docx => ".docx",
        FileFormat.Doc => ".doc",
        FileFormat.Png => ".png",
        FileFormat.Jpeg => ".jpg",
        FileFormat.Odt => ".odt",
        _ => "",
    };

    /// <summary>
    /// Recognises the format from the first bytes. A ZIP container is only a Word or
    /// OpenDocument file if <paramref name="zipEntries"/> (its entry names) say so.
    /// </summary>
    public static FileFormat? Detect(ReadOnlySpan<byte> head, Func<IReadOnlyCollection<string>>? zipEntries = null)
    {
        if (head.StartsWith("%PDF-"u8))
        {
            return FileFormat.Pdf;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return FileFormat.Png;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return FileFormat.Jpeg;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
        {
            return FileFormat.Doc;
        }

        if (head.StartsWith("PK\x03\x04"u8) && zipEntries?.Invoke() is { } entries)
        {
            if (entries.Contains("word/document.xml"))
            {
                return FileFormat.Docx;
            }

            if (entries.Contains("content.xml") && entries.Contains("mimetype"))
            {
                return FileFormat.Odt;
            }
        }

        return null;
    }
}

/// <summary>
/// A document an organisation hands in (stadgar, årsmötesprotokoll, …) with the year it
/// concerns. The content is stored apart, under the document's id; the user's file name is
/// kept only as a label.
/// </summary>
public sealed class OrganisationDocument : Entity, IAudited
{
    private OrganisationDocument() { }

    public OrganisationDocument(Guid organisationId, string kind, int year, string fileName, FileFormat format, long size, string sha256,
        DateTimeOffset uploadedAt, string uploadedBy, int currentYear)
    {
        kind = (kind ?? "").Trim();
        if (kind.Length is 0 or > 200)
        {
            throw new DomainException("Välj vilken sorts handling det är.", nameof(Kind));
        }

        if (year < 1900 || year > currentYear + 1)
        {
            throw new DomainException($"Ange vilket år handlingen gäller (1900–{currentYear + 1}).", nameof(Year));
        }

        if (size <= 0)
        {
            throw new DomainException("Filen är tom.", "File");
        }

        if (size > FileFormats.MaxBytes)
        {
            throw new DomainException($"Filen är för stor: högst {FileFormats.MaxBytes / 1024 / 1024} MB.", "File");
        }

        OrganisationId = organisationId;
        Kind = kind;
        Year = year;
        FileName = SafeLabel(fileName, format);
        Format = format;
        Size = size;
        Sha256 = sha256;
        UploadedAt = uploadedAt;
        UploadedBy = uploadedBy;
    }

    public Guid OrganisationId { get; private set; }
    public string Kind { get; private set; } = "";
    public int Year { get; private set; }

    /// <summary>A label made from the uploaded name: no folders, no control characters, the real format's extension.</summary>
    public string FileName { get; private set; } = "";

    public FileFormat Format { get; private set; }
    public long Size { get; private set; }
    public string Sha256 { get; private set; } = "";
    public DateTimeOffset UploadedAt { get; private set; }
    public string UploadedBy { get; private set; } = "";

    /// <summary>A display name from the user's file name: no path, no characters that break a download header, the extension of the detected format.</summary>
    public static string SafeLabel(string? fileName, FileFormat format)
    {
        var name = Path.GetFileNameWithoutExtension((fileName ?? "").Replace('\\', '/').Split('/')[^1]);
        // Control and format characters go too: a right-to-left override (U+202E) would show "zfdp.pdf" for "z\u202efdp.pdf".
        name = new string(name.Where(c => !char.IsControl(c) && char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.Format
            && c is not ('"' or '<' or '>' or '|' or ':' or '*' or '?')).ToArray()).Trim();
        if (name.Length == 0)
        {
            name = "dokument";
        }

        return (name.Length > 150 ? name[..150] : name) + format.Extension();
    }
}

/// <summary>Which of the documents a guideline requires are present, and from which year.</summary>
public sealed record DocumentRequirement(string Kind, int? LatestYear, bool Present, bool Current);

public static class DocumentCompleteness
{
    /// <summary>A required document is current when its newest copy concerns this year or last year.</summary>
    public static IReadOnlyList<DocumentRequirement> Against(IEnumerable<string> required, IEnumerable<(string Kind, int Year)> handedIn, int currentYear)
    {
        var latest = handedIn.GroupBy(d => d.Kind.Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Max(d => d.Year), StringComparer.OrdinalIgnoreCase);
        return required.Select(kind => latest.TryGetValue(kind, out var year)
                ? new DocumentRequirement(kind, year, true, year >= currentYear - 1)
                : new DocumentRequirement(kind, null, false, false))
            .ToList();
    }
}

/// <summary>The kinds of document organisations usually hand in; a guideline's own list comes first where there is one.</summary>
public static class DocumentKinds
{
    public static readonly IReadOnlyList<string> Common =
    [
        "Stadgar", "Årsmötesprotokoll", "Verksamhetsberättelse", "Ekonomisk berättelse med bokslut", "Revisionsberättelse",
        "Verksamhetsplan", "Styrelseförteckning", "Verksamhetsplan och styrelseförteckning", "Uppgift om medlemsantal",
        "Beskrivning av föreningens verksamhetsidé och ordinarie verksamhet", "Registreringsbevis", "Övrigt",
    ];
}
