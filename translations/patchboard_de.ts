<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>Patchboard</name>
    <message>
        <location filename="../services/domain/device.cpp" line="+13"/>
        <source>Idle</source>
        <translation>Inaktiv</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offered</source>
        <translation>Angeboten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Downloading</source>
        <translation>Wird heruntergeladen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Verifying</source>
        <translation>Wird geprüft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Installing</source>
        <translation>Wird installiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rebooting</source>
        <translation>Neustart</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rolled back</source>
        <translation>Zurückgerollt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Postponed</source>
        <translation>Verschoben</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Supported</source>
        <translation>Unterstützt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ends soon</source>
        <translation>Endet bald</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ended – replace</source>
        <translation>Beendet – ersetzen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Rooted/modified</source>
        <translation>Gerootet/modifiziert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ported to another operator</source>
        <translation>Zu anderem Netzbetreiber portiert</translation>
    </message>
    <message>
        <location filename="../services/domain/devicequery.cpp" line="+41"/>
        <source>The date is not a valid calendar date.</source>
        <translation>Das Datum ist kein gültiges Kalenderdatum.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter a date between %1 and %2.</source>
        <translation>Geben Sie ein Datum zwischen %1 und %2 ein.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>A patch age must be between 0 and %1 days.</source>
        <translation>Das Patch-Alter muss zwischen 0 und %1 Tagen liegen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A device ID has at most 64 characters.</source>
        <translation>Eine Geräte-ID hat höchstens 64 Zeichen.</translation>
    </message>
</context>
<context>
    <name>Patchboard::AddTrustedKeyDialog</name>
    <message>
        <location filename="../views/addtrustedkeydialog.cpp" line="+39"/>
        <source>Add Trusted Author Key</source>
        <translation>Vertrauenswürdigen Autorenschlüssel hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Releases whose manifest names this vendor ID are verified with this key, and may only target the manufacturer&apos;s models.</source>
        <translation>Releases, deren Manifest diese Vendor-ID nennt, werden mit diesem Schlüssel verifiziert und dürfen nur Modelle dieses Herstellers als Ziel haben.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No file chosen</source>
        <translation>Keine Datei ausgewählt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Choose…</source>
        <translation>&amp;Auswählen…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>32 hex digits, or a UUID with dashes</source>
        <translation>32 Hexadezimalziffern oder eine UUID mit Bindestrichen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. Aurora release signing key 2026</source>
        <translation>z. B. Aurora Release-Signaturschlüssel 2026</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Public key (PEM):</source>
        <translation>Öffentlicher Schlüssel (PEM):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Manufacturer:</source>
        <translation>&amp;Hersteller:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Vendor ID:</source>
        <translation>&amp;Vendor-ID:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Label:</source>
        <translation>&amp;Bezeichnung:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add Key</source>
        <translation>Schlüssel hinzufügen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose the Author&apos;s public key file (SubjectPublicKeyInfo PEM, as patchboard-author keygen writes it beside the private key).</source>
        <translation>Wählen Sie die Datei mit dem öffentlichen Schlüssel des Autors (SubjectPublicKeyInfo-PEM, wie patchboard-author keygen sie neben dem privaten Schlüssel ablegt).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose Public Key</source>
        <translation>Öffentlichen Schlüssel auswählen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PEM public keys (*.pem *.pub);;All files (*)</source>
        <translation>Öffentliche PEM-Schlüssel (*.pem *.pub);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cannot read the file: %1</source>
        <translation>Die Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file is too large to be a public key.</source>
        <translation>Die Datei ist zu groß für einen öffentlichen Schlüssel.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 key, fingerprint (SHA-256):
%2
Compare it with the fingerprint the Author published before adding it.</source>
        <translation>%1-Schlüssel, Fingerabdruck (SHA-256):
%2
Vergleichen Sie ihn vor dem Hinzufügen mit dem Fingerabdruck, den der Autor veröffentlicht hat.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Choose a readable public key file.</source>
        <translation>Wählen Sie eine lesbare Datei mit einem öffentlichen Schlüssel.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the vendor ID: 32 hex digits (a UUID).</source>
        <translation>Geben Sie die Vendor-ID ein: 32 Hexadezimalziffern (eine UUID).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the manufacturer.</source>
        <translation>Wählen Sie den Hersteller.</translation>
    </message>
</context>
<context>
    <name>Patchboard::Api</name>
    <message>
        <location filename="../services/api/apiclient.cpp" line="+81"/>
        <source>Cannot read the CA file %1: %2.</source>
        <translation>Die CA-Datei %1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The CA file %1 holds no PEM certificate.</source>
        <translation>Die CA-Datei %1 enthält kein PEM-Zertifikat.</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>Download cancelled.</source>
        <translation>Download abgebrochen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The secure connection to %1 failed: %2.</source>
        <translation>Die sichere Verbindung zu %1 ist fehlgeschlagen: %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server&apos;s certificate is not trusted. Its SHA-256 fingerprint is %1.</source>
        <translation>Dem Zertifikat des Servers wird nicht vertraut. Sein SHA-256-Fingerabdruck lautet %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Compare the fingerprint with the one patchboard-server printed when it started; if they are equal, pin it (--pin or Settings &gt; Connection), or name the CA that signed it (--ca-file).</source>
        <translation>Vergleichen Sie den Fingerabdruck mit dem, den patchboard-server beim Start ausgegeben hat; wenn beide gleich sind, pinnen Sie ihn (--pin oder Einstellungen &gt; Verbindung) oder geben Sie die CA an, die ihn signiert hat (--ca-file).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The server %1 does not answer: %2.</source>
        <translation>Der Server %1 antwortet nicht: %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check that patchboard-server runs and that the address is right.</source>
        <translation>Prüfen Sie, ob patchboard-server läuft und die Adresse stimmt.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Signed out: the session expired.</source>
        <translation>Abgemeldet: Die Sitzung ist abgelaufen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+75"/>
        <source>Connected to %1.</source>
        <translation>Verbunden mit %1.</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>Cannot write %1: %2.</source>
        <translation>%1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The server answered with something that is not JSON (%1).</source>
        <translation>Der Server hat mit etwas geantwortet, das kein JSON ist (%1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check that the address is a patchboard-server and not another web server or a proxy.</source>
        <translation>Prüfen Sie, ob die Adresse zu einem patchboard-server gehört und nicht zu einem anderen Webserver oder einem Proxy.</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Check the CA file named in Settings &gt; Connection or --ca-file.</source>
        <translation>Prüfen Sie die CA-Datei, die unter Einstellungen &gt; Verbindung oder mit --ca-file angegeben ist.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>unknown role %1</source>
        <translation>unbekannte Rolle %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server sent no token.</source>
        <translation>Der Server hat kein Token gesendet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Signed in to %1 as %2.</source>
        <translation>Bei %1 als %2 angemeldet.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Signed out.</source>
        <translation>Abgemeldet.</translation>
    </message>
    <message>
        <location filename="../services/api/apierror.cpp" line="+101"/>
        <source>The server asks you to sign in.</source>
        <translation>Der Server fordert Sie zur Anmeldung auf.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server refused the request (HTTP 403).</source>
        <translation>Der Server hat die Anfrage abgelehnt (HTTP 403).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server does not know this address (HTTP 404).</source>
        <translation>Der Server kennt diese Adresse nicht (HTTP 404).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the server address, and that it is a patchboard-server.</source>
        <translation>Prüfen Sie die Serveradresse und ob es sich um einen patchboard-server handelt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The request is too large for the server (HTTP 413).</source>
        <translation>Die Anfrage ist zu groß für den Server (HTTP 413).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Too many requests; the server asks to wait (HTTP 429).</source>
        <translation>Zu viele Anfragen; der Server bittet zu warten (HTTP 429).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server is not available (HTTP %1).</source>
        <translation>Der Server ist nicht verfügbar (HTTP %1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patchboard retries by itself; check the server if this lasts.</source>
        <translation>Patchboard versucht es selbstständig erneut; prüfen Sie den Server, wenn dies anhält.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server answered HTTP %1 without an explanation.</source>
        <translation>Der Server hat HTTP %1 ohne Erklärung geantwortet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../services/api/jsonreader.cpp" line="+49"/>
        <source>Check that the server is a patchboard-server of the same version.</source>
        <translation>Prüfen Sie, ob der Server ein patchboard-server derselben Version ist.</translation>
    </message>
    <message>
        <location filename="../services/api/apiserver.cpp" line="+88"/>
        <source>The request body is not valid JSON: %1 at byte %2.</source>
        <translation>Der Anfrageinhalt ist kein gültiges JSON: %1 bei Byte %2.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The request body must be a JSON object.</source>
        <translation>Der Anfrageinhalt muss ein JSON-Objekt sein.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>The file of this download is missing on the server.</source>
        <translation>Die Datei dieses Downloads fehlt auf dem Server.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The requested range is not satisfiable (the file has %1 bytes).</source>
        <translation>Der angeforderte Bereich ist nicht erfüllbar (die Datei hat %1 Bytes).</translation>
    </message>
    <message>
        <location line="+148"/>
        <source>%1 is not allowed on %2.</source>
        <translation>%1 ist für %2 nicht zulässig.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>There is no %1 in the Patchboard API.</source>
        <translation>In der Patchboard-API gibt es kein %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the server address and the API version.</source>
        <translation>Prüfen Sie die Serveradresse und die API-Version.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The request body has %1 bytes; this route takes at most %2.</source>
        <translation>Der Anfrageinhalt hat %1 Bytes; diese Route nimmt höchstens %2 an.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>This request needs a sign-in.</source>
        <translation>Diese Anfrage erfordert eine Anmeldung.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The session is not valid (expired or signed out).</source>
        <translation>Die Sitzung ist ungültig (abgelaufen oder abgemeldet).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in again.</source>
        <translation>Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The server cannot create a temporary folder for the export: %1</source>
        <translation>Der Server kann keinen temporären Ordner für den Export anlegen: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the server&apos;s temporary folder (TMPDIR) and free space.</source>
        <translation>Prüfen Sie den temporären Ordner des Servers (TMPDIR) und den freien Speicherplatz.</translation>
    </message>
    <message>
        <location filename="../services/api/csvdownload.cpp" line="+26"/>
        <source>The export was cancelled; no file was written.</source>
        <translation>Der Export wurde abgebrochen; es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot read &apos;%1&apos;: %2</source>
        <translation>„%1“ kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../services/api/devicejson.cpp" line="+36"/>
        <source>&apos;%1&apos; is not an update phase (download, verify, install, reboot).</source>
        <translation>„%1“ ist keine Update-Phase (download, verify, install, reboot).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&apos;%1&apos; is not an update outcome (ok, succeeded, failed, rolled-back, postponed).</source>
        <translation>„%1“ ist kein Update-Ergebnis (ok, succeeded, failed, rolled-back, postponed).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&apos;%1&apos; is not a failure reason.</source>
        <translation>„%1“ ist kein Fehlergrund.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&apos;%1&apos; is not an update state.</source>
        <translation>„%1“ ist kein Update-Status.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>expected a time of day (HH:mm), not &apos;%1&apos;</source>
        <translation>Uhrzeit erwartet (HH:mm), nicht „%1“</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>a sequence number is not negative</source>
        <translation>eine Sequenznummer ist nicht negativ</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>expected &quot;none&quot; or &quot;update&quot;, not &apos;%1&apos;</source>
        <translation>„none“ oder „update“ erwartet, nicht „%1“</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>a number of devices is positive</source>
        <translation>eine Anzahl von Geräten ist positiv</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>element %1 is not a device id</source>
        <translation>Element %1 ist keine Geräte-ID</translation>
    </message>
    <message>
        <location filename="../services/api/deviceroutes.cpp" line="+29"/>
        <location filename="../services/api/rolloutroutes.cpp" line="+28"/>
        <source>There is no rollout %1.</source>
        <translation>Es gibt keinen Rollout %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the URLs of the offer the check-in returned.</source>
        <translation>Verwenden Sie die URLs des Angebots, das der Check-in zurückgegeben hat.</translation>
    </message>
    <message>
        <location filename="../services/api/firmwarejson.cpp" line="+28"/>
        <source>expected %1, not &quot;%2&quot;</source>
        <translation>%1 erwartet, nicht „%2“</translation>
    </message>
    <message>
        <location line="+267"/>
        <source>expected a number of zero or more</source>
        <translation>Zahl größer oder gleich null erwartet</translation>
    </message>
    <message>
        <location filename="../services/api/firmwareroutes.cpp" line="+75"/>
        <source>The file name is empty.</source>
        <translation>Der Dateiname ist leer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file name has %1 characters; at most %2 are allowed.</source>
        <translation>Der Dateiname hat %1 Zeichen; höchstens %2 sind zulässig.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;%1&quot; is not a plain file name: it starts with a dot.</source>
        <translation>„%1“ ist kein einfacher Dateiname: Er beginnt mit einem Punkt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a plain file name: it contains a path separator.</source>
        <translation>„%1“ ist kein einfacher Dateiname: Er enthält ein Pfadtrennzeichen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file name contains a control character.</source>
        <translation>Der Dateiname enthält ein Steuerzeichen.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Check the free space and permissions of the server&apos;s data folder.</source>
        <translation>Prüfen Sie freien Speicherplatz und Berechtigungen des Datenordners des Servers.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>There is no upload %1 on the server.</source>
        <translation>Auf dem Server gibt es keinen Upload %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upload the files first; an upload is removed once it has been imported.</source>
        <translation>Laden Sie zuerst die Dateien hoch; ein Upload wird entfernt, sobald er importiert wurde.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+29"/>
        <source>Upload %1 was started by another operator.</source>
        <translation>Upload %1 wurde von einem anderen Bediener gestartet.</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>The server cannot create its upload folder %1.</source>
        <translation>Der Server kann seinen Upload-Ordner %1 nicht anlegen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Start a new upload with another id.</source>
        <translation>Starten Sie einen neuen Upload mit einer anderen ID.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+8"/>
        <source>The server cannot create the upload folder %1.</source>
        <translation>Der Server kann den Upload-Ordner %1 nicht anlegen.</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>The server cannot write to %1.</source>
        <translation>Der Server kann nicht in %1 schreiben.</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+101"/>
        <source>&quot;%1&quot; is not a plain file name.</source>
        <translation>„%1“ ist kein einfacher Dateiname.</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>%1 already exists in upload %2 and is not a file.</source>
        <translation>%1 existiert bereits in Upload %2 und ist keine Datei.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server cannot store %1 of upload %2: %3.</source>
        <translation>Der Server kann %1 von Upload %2 nicht speichern: %3.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>There is no release %1.</source>
        <translation>Es gibt kein Release %1.</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+60"/>
        <location line="+17"/>
        <source>&quot;%1&quot; is not an upload id.</source>
        <translation>„%1“ ist keine Upload-ID.</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>An upload id has 8 to 64 letters, digits or dashes.</source>
        <translation>Eine Upload-ID besteht aus 8 bis 64 Buchstaben, Ziffern oder Bindestrichen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Upload each file under its own name.</source>
        <translation>Laden Sie jede Datei unter ihrem eigenen Namen hoch.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Upload each file under its own name; images go to images/NAME.</source>
        <translation>Laden Sie jede Datei unter ihrem eigenen Namen hoch; Images gehören nach images/NAME.</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The server cannot prepare upload %1 for import.</source>
        <translation>Der Server kann Upload %1 nicht für den Import vorbereiten.</translation>
    </message>
    <message>
        <location line="+137"/>
        <source>There is no trusted key %1.</source>
        <translation>Es gibt keinen vertrauenswürdigen Schlüssel %1.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Upload %1 has no file %2.</source>
        <translation>Upload %1 enthält keine Datei %2.</translation>
    </message>
    <message>
        <location filename="../services/api/jsonreader.cpp" line="-19"/>
        <location line="+204"/>
        <source>%1: expected an object</source>
        <translation>%1: Objekt erwartet</translation>
    </message>
    <message>
        <location line="-189"/>
        <source>The server answered with data Patchboard does not understand (%1).</source>
        <translation>Der Server hat mit Daten geantwortet, die Patchboard nicht versteht (%1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The request is malformed: %1.</source>
        <translation>Die Anfrage ist fehlerhaft: %1.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>missing</source>
        <translation>fehlt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>expected %1</source>
        <translation>%1 erwartet</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>expected an integer</source>
        <translation>Ganzzahl erwartet</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>expected a date (YYYY-MM-DD)</source>
        <translation>Datum erwartet (YYYY-MM-DD)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>expected a date and time (ISO 8601)</source>
        <translation>Datum und Uhrzeit erwartet (ISO 8601)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>expected hexadecimal digits</source>
        <translation>Hexadezimalziffern erwartet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>expected an even number of hexadecimal digits</source>
        <translation>gerade Anzahl von Hexadezimalziffern erwartet</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>expected base64</source>
        <translation>Base64 erwartet</translation>
    </message>
    <message>
        <location filename="../services/api/queryreader.cpp" line="+22"/>
        <source>Bad query parameter %1.</source>
        <translation>Ungültiger Abfrageparameter %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correct the parameter and send the request again.</source>
        <translation>Korrigieren Sie den Parameter und senden Sie die Anfrage erneut.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>given %1 times; give it once</source>
        <translation>%1-mal angegeben; geben Sie ihn nur einmal an</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>expected a whole number, not &quot;%1&quot;</source>
        <translation>ganze Zahl erwartet, nicht „%1“</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>expected a number from %1 to %2, not %3</source>
        <translation>Zahl von %1 bis %2 erwartet, nicht %3</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>expected a date (YYYY-MM-DD), not &quot;%1&quot;</source>
        <translation>Datum erwartet (YYYY-MM-DD), nicht „%1“</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>expected a date and time (ISO 8601, e.g. 2025-03-01T12:00:00Z), not &quot;%1&quot;</source>
        <translation>Datum und Uhrzeit erwartet (ISO 8601, z. B. 2025-03-01T12:00:00Z), nicht „%1“</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>unknown parameter; this request takes %1</source>
        <translation>unbekannter Parameter; diese Anfrage akzeptiert %1</translation>
    </message>
    <message>
        <location filename="../services/api/jsonreader.cpp" line="+33"/>
        <source>expected a whole number</source>
        <translation>ganze Zahl erwartet</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>expected a string</source>
        <translation>Zeichenkette erwartet</translation>
    </message>
    <message>
        <location filename="../services/api/rolloutapijson.cpp" line="+55"/>
        <source>expected a time of day (HH:mm)</source>
        <translation>Uhrzeit erwartet (HH:mm)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>unknown rollout state %1</source>
        <translation>unbekannter Rollout-Status %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>expected percent, count or rest, not &quot;%1&quot;</source>
        <translation>percent, count oder rest erwartet, nicht „%1“</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>unknown wave state %1</source>
        <translation>unbekannter Wellenstatus %1</translation>
    </message>
    <message>
        <location filename="../services/api/rolloutroutes.cpp" line="+1"/>
        <source>Reload the list of rollouts.</source>
        <translation>Laden Sie die Liste der Rollouts neu.</translation>
    </message>
    <message>
        <location filename="../services/api/telemetryjson.cpp" line="+45"/>
        <source>expected succeeded, failed, rolled-back or postponed, not &quot;%1&quot;</source>
        <translation>succeeded, failed, rolled-back oder postponed erwartet, nicht „%1“</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>unknown failure reason %1</source>
        <translation>unbekannter Fehlergrund %1</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>expected fleet, rollout or release, not &quot;%1&quot;</source>
        <translation>fleet, rollout oder release erwartet, nicht „%1“</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>expected 1 to 10000</source>
        <translation>1 bis 10000 erwartet</translation>
    </message>
    <message>
        <location filename="../services/api/telemetryroutes.cpp" line="+87"/>
        <source>The server cannot make a temporary folder for the export: %1.</source>
        <translation>Der Server kann keinen temporären Ordner für den Export anlegen: %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the server&apos;s temporary folder (TMPDIR).</source>
        <translation>Prüfen Sie den temporären Ordner des Servers (TMPDIR).</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The server cannot read its export %1: %2.</source>
        <translation>Der Server kann seinen Export %1 nicht lesen: %2.</translation>
    </message>
    <message>
        <location filename="../services/api/trackerjson.cpp" line="+104"/>
        <source>expected one of %1, not &quot;%2&quot;</source>
        <translation>eines von %1 erwartet, nicht „%2“</translation>
    </message>
    <message>
        <location line="+536"/>
        <source>expected an event filter as a JSON object</source>
        <translation>Ereignisfilter als JSON-Objekt erwartet</translation>
    </message>
</context>
<context>
    <name>Patchboard::AppSettings</name>
    <message>
        <location filename="../models/appsettings.cpp" line="+226"/>
        <source>Give the address of the server, such as https://fleet.example:8443.</source>
        <translation>Geben Sie die Adresse des Servers an, z. B. https://fleet.example:8443.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is not a server address. Give it as https://host:port: Patchboard talks to servers over HTTPS only.</source>
        <translation>%1 ist keine Serveradresse. Geben Sie sie als https://host:port an: Patchboard kommuniziert mit Servern nur über HTTPS.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Give the CA file with its full path.</source>
        <translation>Geben Sie die CA-Datei mit ihrem vollständigen Pfad an.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The CA file %1 does not exist or cannot be read.</source>
        <translation>Die CA-Datei %1 existiert nicht oder kann nicht gelesen werden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The fingerprint is 64 hexadecimal digits (32 pairs, colons allowed), as patchboard-server prints it at start.</source>
        <translation>Der Fingerabdruck besteht aus 64 Hexadezimalziffern (32 Paare, Doppelpunkte erlaubt), so wie patchboard-server ihn beim Start ausgibt.</translation>
    </message>
    <message>
        <location line="+247"/>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>A patch level counts as out of date after %1 to %2 days (it is %3).</source>
        <translation>Die Frist, nach der ein Patch-Stand als veraltet gilt, muss zwischen %1 und %2 Tagen liegen (angegeben: %3).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The end-of-support warning comes %1 to %2 days ahead (it is %3).</source>
        <translation>Die Warnung vor dem Supportende muss %1 bis %2 Tage im Voraus erfolgen (angegeben: %3).</translation>
    </message>
</context>
<context>
    <name>Patchboard::AuditBackend</name>
    <message>
        <location filename="../services/audit/localauditbackend.cpp" line="+31"/>
        <source>No fleet database is open.</source>
        <translation>Es ist keine Flottendatenbank geöffnet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a database first (see --database).</source>
        <translation>Öffnen Sie zuerst eine Datenbank (siehe --database).</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>Cannot write &apos;%1&apos;: %2</source>
        <translation>„%1“ kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a folder you can write to.</source>
        <translation>Wählen Sie einen Ordner, in dem Sie Schreibrechte haben.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Writing &apos;%1&apos; failed: %2</source>
        <translation>Schreiben von „%1“ fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+28"/>
        <source>Check that the disk is not full.</source>
        <translation>Prüfen Sie, ob auf dem Datenträger noch Speicherplatz frei ist.</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>The export was cancelled; no file was written.</source>
        <translation>Der Export wurde abgebrochen; es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Saving &apos;%1&apos; failed: %2</source>
        <translation>Speichern von „%1“ fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>Patchboard::AuditFilterBar</name>
    <message>
        <location filename="../views/auditfilterbar.cpp" line="+19"/>
        <source>&amp;From</source>
        <translation>&amp;Von</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;To</source>
        <translation>B&amp;is</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Any operator</source>
        <translation>Beliebiger Bediener</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operator</source>
        <translation>Bediener</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The operator&apos;s exact name</source>
        <translation>Der genaue Name des Bedieners</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any action</source>
        <translation>Beliebige Aktion</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Actions starting with this text, e.g. release. or trust.key.</source>
        <translation>Aktionen, die mit diesem Text beginnen, z. B. release. oder trust.key.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text in subject or details</source>
        <translation>Text in Objekt oder Details</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>From date</source>
        <translation>Startdatum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To date</source>
        <translation>Enddatum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear Filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Operator:</source>
        <translation>Bedie&amp;ner:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Action:</source>
        <translation>A&amp;ktion:</translation>
    </message>
</context>
<context>
    <name>Patchboard::AuditLog</name>
    <message>
        <location filename="../services/audit/auditlog.cpp" line="+87"/>
        <source>start an audit entry</source>
        <translation>Beginnen eines Audit-Eintrags</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+47"/>
        <location line="+7"/>
        <source>write an audit entry</source>
        <translation>Schreiben eines Audit-Eintrags</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>lock the audit log</source>
        <translation>Sperren des Audit-Protokolls</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+40"/>
        <location line="+35"/>
        <location line="+61"/>
        <source>read the audit log</source>
        <translation>Lesen des Audit-Protokolls</translation>
    </message>
    <message>
        <location line="-80"/>
        <source>Audit entry %1 is missing: the log jumps from entry %2 to %3.</source>
        <translation>Audit-Eintrag %1 fehlt: Das Protokoll springt von Eintrag %2 zu %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Audit entry %1 appears out of order.</source>
        <translation>Audit-Eintrag %1 steht an der falschen Stelle.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Audit entry %1 does not follow entry %2: an entry was removed, inserted or changed there.</source>
        <translation>Audit-Eintrag %1 schließt nicht an Eintrag %2 an: Dort wurde ein Eintrag entfernt, eingefügt oder geändert.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Audit entry %1 was changed after it was written.</source>
        <translation>Audit-Eintrag %1 wurde nach dem Schreiben geändert.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Audit entries %1 to %2 were removed from the end of the log.</source>
        <translation>Die Audit-Einträge %1 bis %2 wurden am Ende des Protokolls entfernt.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Audit entry %1 does not match the recorded head of the log.</source>
        <translation>Audit-Eintrag %1 stimmt nicht mit dem gespeicherten Protokollende (Head) überein.</translation>
    </message>
</context>
<context>
    <name>Patchboard::AuditLogModel</name>
    <message>
        <location filename="../models/auditlogmodel.cpp" line="+60"/>
        <source>reason: %1</source>
        <translation>Grund: %1</translation>
    </message>
    <message>
        <location line="+154"/>
        <source>The chain does not verify from entry %1 on: this entry cannot be trusted.</source>
        <translation>Die Kette ist ab Eintrag %1 nicht mehr gültig: Diesem Eintrag kann nicht vertraut werden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hash %1</source>
        <translation>Hash %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operator</source>
        <translation>Bediener</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Subject</source>
        <translation>Objekt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Details</source>
        <translation>Details</translation>
    </message>
</context>
<context>
    <name>Patchboard::AuditPage</name>
    <message>
        <location filename="../views/auditpage.cpp" line="+40"/>
        <source>&amp;Verify Chain</source>
        <translation>Kette &amp;prüfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xport CSV…</source>
        <translation>CSV e&amp;xportieren…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Audit log warning</source>
        <translation>Warnung zum Audit-Protokoll</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The chain has not been checked yet.</source>
        <translation>Die Kette wurde noch nicht geprüft.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Walk the whole hash chain: a changed, removed or inserted entry is reported with its position.</source>
        <translation>Die gesamte Hash-Kette durchlaufen: Ein geänderter, entfernter oder eingefügter Eintrag wird mit seiner Position gemeldet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the entries matching the filters, with their hashes, to a CSV file</source>
        <translation>Die zu den Filtern passenden Einträge mit ihren Hashes in eine CSV-Datei schreiben</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Audit entries</source>
        <translation>Audit-Einträge</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Rollout manager</source>
        <translation>Rollout-Manager</translation>
    </message>
    <message numerus="yes">
        <location line="+59"/>
        <source>Chain intact: %Ln record(s) verified at %1.</source>
        <translation>
            <numerusform>Kette intakt: %Ln Eintrag geprüft am %1.</numerusform>
            <numerusform>Kette intakt: %Ln Einträge geprüft am %1.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chain broken at entry %1: %2</source>
        <translation>Kette bei Eintrag %1 unterbrochen: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The audit log has been tampered with or damaged. %1 Entries from there on cannot be trusted; keep a copy of the database file and report it.</source>
        <translation>Das Audit-Protokoll wurde manipuliert oder beschädigt. %1 Einträgen ab dieser Stelle kann nicht vertraut werden; bewahren Sie eine Kopie der Datenbankdatei auf und melden Sie den Vorfall.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Verifying the chain…</source>
        <translation>Kette wird geprüft…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Loading the audit log…</source>
        <translation>Audit-Protokoll wird geladen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No entries match.</source>
        <translation>Keine passenden Einträge.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln record(s)</source>
        <translation>
            <numerusform>%Ln Eintrag</numerusform>
            <numerusform>%Ln Einträge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Newest %Ln record(s); scroll down for older ones</source>
        <translation>
            <numerusform>%Ln neuester Eintrag; für ältere nach unten scrollen</numerusform>
            <numerusform>%Ln neueste Einträge; für ältere nach unten scrollen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+16"/>
        <source>audit-%1.csv</source>
        <comment>export file name</comment>
        <translation>audit-%1.csv</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+13"/>
        <source>Export Audit Log</source>
        <translation>Audit-Protokoll exportieren</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Exporting audit entries…</source>
        <translation>Audit-Einträge werden exportiert…</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Exported %Ln audit record(s) to %1.</source>
        <translation>
            <numerusform>%Ln Audit-Eintrag nach %1 exportiert.</numerusform>
            <numerusform>%Ln Audit-Einträge nach %1 exportiert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Patchboard::AuthRoutes</name>
    <message numerus="yes">
        <location filename="../services/api/authroutes.cpp" line="+45"/>
        <source>Too many failed sign-ins. Try again in %n minute(s).</source>
        <translation>
            <numerusform>Zu viele fehlgeschlagene Anmeldungen. Versuchen Sie es in %n Minute erneut.</numerusform>
            <numerusform>Zu viele fehlgeschlagene Anmeldungen. Versuchen Sie es in %n Minuten erneut.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>If you forgot your password, ask an administrator to set a new one.</source>
        <translation>Wenn Sie Ihr Passwort vergessen haben, bitten Sie einen Administrator, ein neues festzulegen.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The user name or the password is too long.</source>
        <translation>Der Benutzername oder das Passwort ist zu lang.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The session has ended.</source>
        <translation>Die Sitzung wurde beendet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in again.</source>
        <translation>Melden Sie sich erneut an.</translation>
    </message>
</context>
<context>
    <name>Patchboard::BulletinStore</name>
    <message>
        <location filename="../services/firmware/bulletinstore.cpp" line="+28"/>
        <source>start the bulletin import</source>
        <translation>Starten des Bulletin-Imports</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>replace bulletin records</source>
        <translation>Ersetzen der Bulletin-Einträge</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>write bulletin records</source>
        <translation>Schreiben der Bulletin-Einträge</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>finish the bulletin import</source>
        <translation>Abschließen des Bulletin-Imports</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>read the bulletin records</source>
        <translation>Lesen der Bulletin-Einträge</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>count the bulletin records</source>
        <translation>Zählen der Bulletin-Einträge</translation>
    </message>
</context>
<context>
    <name>Patchboard::CommandLine</name>
    <message>
        <location filename="../app/desktop/commandline.cpp" line="+134"/>
        <source>Console for keeping fleets of cellular and IoT devices patched.</source>
        <translation>Konsole, um Flotten von Mobilfunk- und IoT-Geräten auf aktuellem Patch-Stand zu halten.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The fleet database (SQLite). Created with a demo fleet if it does not exist. Default: %1</source>
        <translation>Die Flottendatenbank (SQLite). Wird mit einer Demo-Flotte angelegt, falls sie nicht existiert. Standard: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+17"/>
        <location line="+74"/>
        <source>file</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location line="-88"/>
        <source>Number of devices in a newly created demo fleet (default: %1).</source>
        <translation>Anzahl der Geräte in einer neu angelegten Demo-Flotte (Standard: %1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seed of the demo fleet generator (default: %1).</source>
        <translation>Startwert (Seed) des Demo-Flottengenerators (Standard: %1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>number</source>
        <translation>Zahl</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compute patch ages, support status and release test windows as of this date instead of today (YYYY-MM-DD; for reproducible demos).</source>
        <translation>Patch-Alter, Supportstatus und Testfenster der Releases zu diesem Datum statt zu heute berechnen (JJJJ-MM-TT; für reproduzierbare Demos).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Once the page has loaded, save the main window as a PNG image and quit.</source>
        <translation>Nach dem Laden der Seite das Hauptfenster als PNG-Bild speichern und beenden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The page shown at start: devices, compliance, releases, rollouts, telemetry or audit.</source>
        <translation>Die beim Start angezeigte Seite: devices, compliance, releases, rollouts, telemetry oder audit.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>With --page rollouts or telemetry: the rollout (its number) selected at start.</source>
        <translation>Mit --page rollouts oder telemetry: der beim Start ausgewählte Rollout (seine Nummer).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Also open the wall-screen dashboard of active rollouts, full screen (Esc leaves).</source>
        <translation>Zusätzlich die Wandanzeige der aktiven Rollouts im Vollbild öffnen (Esc beendet sie).</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The operator&apos;s role: viewer, test-engineer, rollout-manager or administrator (default: %1).</source>
        <translation>Die Rolle des Bedieners: viewer, test-engineer, rollout-manager oder administrator (Standard: %1).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The language of the console: en, de or ja (default: the language in Settings, or the system&apos;s). Dates and numbers follow it.</source>
        <translation>Die Sprache der Konsole: en, de oder ja (Standard: die Sprache in den Einstellungen bzw. die des Systems). Datums- und Zahlenformate richten sich danach.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The theme: system, light or dark (default: the theme in Settings).</source>
        <translation>Das Farbschema: system, light oder dark (Standard: das Farbschema in den Einstellungen).</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>theme</source>
        <translation>Farbschema</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>With --page telemetry: the chart shown at start: outcomes, reasons, models or waves.</source>
        <translation>Mit --page telemetry: das beim Start angezeigte Diagramm: outcomes, reasons, models oder waves.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>chart</source>
        <translation>Diagramm</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --screenshot and --page telemetry: once the page has loaded, list the devices of the top failing model or region, and save the Devices page instead.</source>
        <translation>Mit --screenshot und --page telemetry: Nach dem Laden der Seite die Geräte des Modells oder der Region mit den meisten Fehlschlägen auflisten und stattdessen die Seite „Geräte“ speichern.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With --screenshot: once the page has loaded, open this dialog and save it instead of the window: new-rollout[:STEP] (release, targets, waves, schedule, notice, preview), resume-rollout (of the rollout shown), compliance-report, switch-operator, settings[:TAB] (connection, operator, appearance, compliance, rollouts) or import-devices[:FILE] (FILE read and validated first). With --wall, the wall screen is saved instead.</source>
        <translation>Mit --screenshot: Nach dem Laden der Seite diesen Dialog öffnen und statt des Fensters speichern: new-rollout[:STEP] (release, targets, waves, schedule, notice, preview), resume-rollout (des angezeigten Rollouts), compliance-report, switch-operator, settings[:TAB] (connection, operator, appearance, compliance, rollouts) oder import-devices[:FILE] (FILE wird zuerst gelesen und geprüft). Mit --wall wird stattdessen die Wandanzeige gespeichert.</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>--page is devices, compliance, releases, rollouts, telemetry or audit, not &apos;%1&apos;.</source>
        <translation>--page erwartet devices, compliance, releases, rollouts, telemetry oder audit, nicht „%1“.</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>--lang is en, de or ja, not &apos;%1&apos;.</source>
        <translation>--lang erwartet en, de oder ja, nicht „%1“.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--theme is system, light or dark, not &apos;%1&apos;.</source>
        <translation>--theme erwartet system, light oder dark, nicht „%1“.</translation>
    </message>
    <message>
        <location line="-196"/>
        <source>page</source>
        <translation>Seite</translation>
    </message>
    <message>
        <location line="-94"/>
        <source>--dialog is new-rollout, resume-rollout, compliance-report, switch-operator, settings or import-devices, not &apos;%1&apos;.</source>
        <translation>--dialog erwartet new-rollout, resume-rollout, compliance-report, switch-operator, settings oder import-devices, nicht „%1“.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--dialog %1 has no pages to choose, but &apos;%2&apos; was given.</source>
        <translation>--dialog %1 hat keine auswählbaren Seiten, aber „%2“ wurde angegeben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>--dialog %1: the page is %2, not &apos;%3&apos;.</source>
        <translation>--dialog %1: Die Seite muss eine von %2 sein, nicht „%3“.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>--ca-file, --pin and --user go with --server URL.</source>
        <translation>--ca-file, --pin und --user gehören zu --server URL.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>--user needs a name.</source>
        <translation>--user benötigt einen Namen.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>With --page releases: the release (its number) selected at start.</source>
        <translation>Mit --page releases: das beim Start ausgewählte Release (seine Nummer).</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+9"/>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>With --page releases: the tab shown at start: verification, tests, notes or history.</source>
        <translation>Mit --page releases: der beim Start angezeigte Reiter: verification, tests, notes oder history.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tab</source>
        <translation>Reiter</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>At start, plan a staged rollout of the approved demo release and play it on the simulated clock until it runs (running) or until an injected fault halts it (halted). Does nothing when the database already has a rollout.</source>
        <translation>Beim Start einen gestaffelten Rollout des freigegebenen Demo-Release planen und auf der simulierten Uhr abspielen, bis er läuft (running) oder bis ein eingespeister Fehler ihn anhält (halted). Tut nichts, wenn die Datenbank schon einen Rollout enthält.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>running|halted</source>
        <translation>running|halted</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The operator name recorded with every action (default: %1).</source>
        <translation>Der Bedienername, der mit jeder Aktion erfasst wird (Standard: %1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+34"/>
        <location line="+20"/>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Quit once the page has loaded (smoke test).</source>
        <translation>Nach dem Laden der Seite beenden (Smoke-Test).</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Connect to patchboard-server at this address (https://host:port) instead of opening the embedded database; sign in as an operator of the server.</source>
        <translation>Mit patchboard-server unter dieser Adresse (https://host:port) verbinden, statt die eingebettete Datenbank zu öffnen; melden Sie sich als Bediener des Servers an.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --server: also trust the certificate authorities in this PEM file.</source>
        <translation>Mit --server: zusätzlich den Zertifizierungsstellen in dieser PEM-Datei vertrauen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With --server: trust exactly the server certificate with this SHA-256 fingerprint (as patchboard-server prints it at start).</source>
        <translation>Mit --server: genau dem Serverzertifikat mit diesem SHA-256-Fingerabdruck vertrauen (wie patchboard-server ihn beim Start ausgibt).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>fingerprint</source>
        <translation>Fingerabdruck</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --server: the user name offered in the sign-in dialog. For runs without a dialog (--screenshot, --quit-after-load) the password is read from the environment variable PATCHBOARD_PASSWORD.</source>
        <translation>Mit --server: der im Anmeldedialog vorgeschlagene Benutzername. Bei Läufen ohne Dialog (--screenshot, --quit-after-load) wird das Passwort aus der Umgebungsvariablen PATCHBOARD_PASSWORD gelesen.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>--demo-devices needs a number from 0 to 10000000, not &apos;%1&apos;.</source>
        <translation>--demo-devices erwartet eine Zahl von 0 bis 10000000, nicht „%1“.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--seed needs a whole number, not &apos;%1&apos;.</source>
        <translation>--seed erwartet eine ganze Zahl, nicht „%1“.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--reference-date needs a date as YYYY-MM-DD, not &apos;%1&apos;.</source>
        <translation>--reference-date erwartet ein Datum im Format JJJJ-MM-TT, nicht „%1“.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>--release needs a release number, not &apos;%1&apos;.</source>
        <translation>--release erwartet eine Release-Nummer, nicht „%1“.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--rollout needs a rollout number, not &apos;%1&apos;.</source>
        <translation>--rollout erwartet eine Rollout-Nummer, nicht „%1“.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--demo-rollout is running or halted, not &apos;%1&apos;.</source>
        <translation>--demo-rollout erwartet running oder halted, nicht „%1“.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--release-tab is verification, tests, notes or history, not &apos;%1&apos;.</source>
        <translation>--release-tab erwartet verification, tests, notes oder history, nicht „%1“.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--telemetry-chart is outcomes, reasons, models or waves, not &apos;%1&apos;.</source>
        <translation>--telemetry-chart erwartet outcomes, reasons, models oder waves, nicht „%1“.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--operator needs a name.</source>
        <translation>--operator erwartet einen Namen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--role is viewer, test-engineer, rollout-manager or administrator, not &apos;%1&apos;.</source>
        <translation>--role erwartet viewer, test-engineer, rollout-manager oder administrator, nicht „%1“.</translation>
    </message>
</context>
<context>
    <name>Patchboard::CompliancePage</name>
    <message>
        <location filename="../views/compliancepage.cpp" line="+49"/>
        <source>Compliance &amp;Report…</source>
        <translation>Compliance-Be&amp;richt…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Compliance summary</source>
        <translation>Compliance-Übersicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Counting devices…</source>
        <translation>Geräte werden gezählt…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Counting devices</source>
        <translation>Geräte werden gezählt</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Hardware models ranked by number of devices</source>
        <translation>Hardwaremodelle nach Anzahl der Geräte geordnet</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>List Devices</source>
        <translation>Geräte auflisten</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Hardware models by number of devices</source>
        <translation>Hardwaremodelle nach Anzahl der Geräte</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Click a model to list its devices, or its out-of-date count to list only the out-of-date ones.</source>
        <translation>Klicken Sie auf ein Modell, um seine Geräte aufzulisten, oder auf die Anzahl veralteter Geräte, um nur diese aufzulisten.</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Writes a PDF for a date: devices by patch age and support status, security update decisions against the 7-day window (SSU-TES-0010), completed rollouts.</source>
        <translation>Erstellt ein PDF zu einem Datum: Geräte nach Patch-Alter und Supportstatus, Entscheidungen über Sicherheitsupdates gemessen am 7-Tage-Fenster (SSU-TES-0010), abgeschlossene Rollouts.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The compliance report needs the device tracker, the firmware server and the rollout service; this console is not connected to all of them.</source>
        <translation>Der Compliance-Bericht benötigt den Geräte-Tracker, den Firmware-Server und den Rollout-Dienst; diese Konsole ist nicht mit allen verbunden.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>No device tracker is connected.</source>
        <translation>Kein Geräte-Tracker verbunden.</translation>
    </message>
    <message numerus="yes">
        <location line="+34"/>
        <source>%Ln device(s) as of %1.</source>
        <translation>
            <numerusform>%Ln Gerät, Stand %1.</numerusform>
            <numerusform>%Ln Geräte, Stand %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1 (%2) have a security patch level older than %Ln day(s).</source>
        <translation>
            <numerusform>%1 (%2) haben einen Sicherheitspatch-Stand, der älter als %Ln Tag ist.</numerusform>
            <numerusform>%1 (%2) haben einen Sicherheitspatch-Stand, der älter als %Ln Tage ist.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%1 (%2) are on models whose support has ended and should be replaced; support ends within %Ln day(s) for %3 more.</source>
        <translation>
            <numerusform>%1 (%2) laufen auf Modellen, deren Support beendet ist, und sollten ersetzt werden; bei weiteren %3 endet der Support innerhalb von %Ln Tag.</numerusform>
            <numerusform>%1 (%2) laufen auf Modellen, deren Support beendet ist, und sollten ersetzt werden; bei weiteren %3 endet der Support innerhalb von %Ln Tagen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The most common model is %1 %2 with %3 devices, %4 of them out of date.</source>
        <translation>Das häufigste Modell ist %1 %2 mit %3 Geräten, davon %4 veraltet.</translation>
    </message>
</context>
<context>
    <name>Patchboard::ComplianceReportBuilder</name>
    <message>
        <location filename="../models/compliancereportbuilder.cpp" line="+128"/>
        <source>Supported</source>
        <translation>Unterstützt</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Support ends within %Ln day(s)</source>
        <translation>
            <numerusform>Support endet innerhalb von %Ln Tag</numerusform>
            <numerusform>Support endet innerhalb von %Ln Tagen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Past end of support: to be replaced</source>
        <translation>Nach Supportende: zu ersetzen</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Devices in the fleet</source>
        <translation>Geräte in der Flotte</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Security patch level older than %Ln day(s) (SSU-SEC-0020)</source>
        <translation>
            <numerusform>Sicherheitspatch-Stand älter als %Ln Tag (SSU-SEC-0020)</numerusform>
            <numerusform>Sicherheitspatch-Stand älter als %Ln Tage (SSU-SEC-0020)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+3"/>
        <location line="+266"/>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="-267"/>
        <source>Past end of support, to be replaced (SSU-SEC-0040)</source>
        <translation>Nach Supportende, zu ersetzen (SSU-SEC-0040)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Security updates decided within 7 days (SSU-TES-0010)</source>
        <translation>Innerhalb von 7 Tagen entschiedene Sicherheitsupdates (SSU-TES-0010)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Security updates waiting past 7 days</source>
        <translation>Sicherheitsupdates, die seit über 7 Tagen warten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rollouts completed</source>
        <translation>Abgeschlossene Rollouts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failure rate of completed rollouts</source>
        <translation>Fehlerquote abgeschlossener Rollouts</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rollouts cancelled or halted</source>
        <translation>Abgebrochene oder angehaltene Rollouts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At a glance</source>
        <translation>Auf einen Blick</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Figure</source>
        <translation>Kennzahl</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Devices by patch age</source>
        <translation>Geräte nach Patch-Alter</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Days from each device&apos;s security patch level to the report date. Security updates are expected monthly (SSU-SEC-0020); a patch level older than %Ln day(s) counts as out of date.</source>
        <translation>
            <numerusform>Tage vom Sicherheitspatch-Stand jedes Geräts bis zum Berichtsdatum. Sicherheitsupdates werden monatlich erwartet (SSU-SEC-0020); ein Patch-Stand, der älter als %Ln Tag ist, gilt als veraltet.</numerusform>
            <numerusform>Tage vom Sicherheitspatch-Stand jedes Geräts bis zum Berichtsdatum. Sicherheitsupdates werden monatlich erwartet (SSU-SEC-0020); ein Patch-Stand, der älter als %Ln Tage ist, gilt als veraltet.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Out of date</source>
        <translation>Veraltet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Current</source>
        <translation>Aktuell</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+27"/>
        <source>All devices</source>
        <translation>Alle Geräte</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Patch age (days)</source>
        <translation>Patch-Alter (Tage)</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+24"/>
        <location line="+27"/>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <location line="-51"/>
        <location line="+24"/>
        <source>Share</source>
        <translation>Anteil</translation>
    </message>
    <message>
        <location line="-24"/>
        <location line="+51"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>Devices by support status</source>
        <translation>Geräte nach Supportstatus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manufacturers publish a support period of at least 36 months (SSU-SEC-0030); devices past it no longer get security updates and are to be replaced (SSU-SEC-0040).</source>
        <translation>Hersteller veröffentlichen einen Supportzeitraum von mindestens 36 Monaten (SSU-SEC-0030); Geräte, deren Supportzeitraum abgelaufen ist, erhalten keine Sicherheitsupdates mehr und sind zu ersetzen (SSU-SEC-0040).</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Support status</source>
        <translation>Supportstatus</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Models past or near end of support</source>
        <translation>Modelle nach oder kurz vor Supportende</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>No model&apos;s support ends within %Ln day(s).</source>
        <translation>
            <numerusform>Bei keinem Modell endet der Support innerhalb von %Ln Tag.</numerusform>
            <numerusform>Bei keinem Modell endet der Support innerhalb von %Ln Tagen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manufacturer</source>
        <translation>Hersteller</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Support ends</source>
        <translation>Supportende</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1, withdrawn %2</source>
        <translation>%1, zurückgezogen %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+12"/>
        <source>n/a (not security-only)</source>
        <translation>entfällt (kein reines Sicherheitsrelease)</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>Overdue by %Ln day(s)</source>
        <translation>
            <numerusform>%Ln Tag überfällig</numerusform>
            <numerusform>%Ln Tage überfällig</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Open, %Ln day(s) left</source>
        <translation>
            <numerusform>Offen, noch %Ln Tag</numerusform>
            <numerusform>Offen, noch %Ln Tage</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting (%1)</source>
        <translation>Ausstehend (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 so far</source>
        <translation>bisher %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Security update decisions</source>
        <translation>Entscheidungen über Sicherheitsupdates</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An operator decides on a security update within 7 days of receiving it (SSU-TES-0010): days from receipt to approval or rejection. Releases received by the end of the report date.</source>
        <translation>Ein Netzbetreiber entscheidet innerhalb von 7 Tagen nach Eingang über ein Sicherheitsupdate (SSU-TES-0010): Tage vom Eingang bis zur Genehmigung oder Ablehnung. Berücksichtigt werden Releases, die bis zum Ende des Berichtsdatums eingegangen sind.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 of %2 decided within 7 days.</source>
        <translation>%1 von %2 innerhalb von 7 Tagen entschieden.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln security update(s) waiting for a decision</source>
        <translation>
            <numerusform>%Ln Sicherheitsupdate wartet auf eine Entscheidung</numerusform>
            <numerusform>%Ln Sicherheitsupdates warten auf eine Entscheidung</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, %2.</source>
        <translation>%1, %2.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln of them overdue (past 7 days)</source>
        <translation>
            <numerusform>davon %Ln überfällig (über 7 Tage)</numerusform>
            <numerusform>davon %Ln überfällig (über 7 Tage)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No release was received by the report date.</source>
        <translation>Bis zum Berichtsdatum ist kein Release eingegangen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+66"/>
        <location line="+16"/>
        <source>Release</source>
        <translation>Release</translation>
    </message>
    <message>
        <location line="-82"/>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Received</source>
        <translation>Eingegangen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decided</source>
        <translation>Entschieden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Days to decision</source>
        <translation>Tage bis zur Entscheidung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Within 7 days</source>
        <translation>Innerhalb von 7 Tagen</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%Ln release(s) failed verification on import and were refused automatically, so no test decision was needed: %1.</source>
        <translation>
            <numerusform>%Ln Release hat beim Import die Prüfung nicht bestanden und wurde automatisch abgewiesen, daher war keine Testentscheidung nötig: %1.</numerusform>
            <numerusform>%Ln Releases haben beim Import die Prüfung nicht bestanden und wurden automatisch abgewiesen, daher war keine Testentscheidung nötig: %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%Ln release(s) are not security-only; the 7-day window does not apply to them and they are not counted above.</source>
        <translation>
            <numerusform>%Ln Release ist kein reines Sicherheitsrelease; das 7-Tage-Fenster gilt dafür nicht, und es ist oben nicht mitgezählt.</numerusform>
            <numerusform>%Ln Releases sind keine reinen Sicherheitsreleases; das 7-Tage-Fenster gilt für sie nicht, und sie sind oben nicht mitgezählt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Rollouts</source>
        <translation>Rollouts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staged rollouts that ended by the end of the report date. The failure rate is the share of failed (or rolled back) updates among the devices that reported a result.</source>
        <translation>Gestaffelte Rollouts, die bis zum Ende des Berichtsdatums beendet wurden. Die Fehlerquote ist der Anteil fehlgeschlagener (oder zurückgerollter) Updates unter den Geräten, die ein Ergebnis gemeldet haben.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No rollout was completed by the report date.</source>
        <translation>Bis zum Berichtsdatum wurde kein Rollout abgeschlossen.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln rollout(s) completed: %1 of %2 targeted devices updated, %3 failed (failure rate %4).</source>
        <translation>
            <numerusform>%Ln Rollout abgeschlossen: %1 von %2 Zielgeräten aktualisiert, %3 fehlgeschlagen (Fehlerquote %4).</numerusform>
            <numerusform>%Ln Rollouts abgeschlossen: %1 von %2 Zielgeräten aktualisiert, %3 fehlgeschlagen (Fehlerquote %4).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>All completed</source>
        <translation>Alle abgeschlossenen</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+16"/>
        <source>Rollout</source>
        <translation>Rollout</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Finished</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+17"/>
        <source>Targets</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+16"/>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+16"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+17"/>
        <source>Not reached</source>
        <translation>Nicht erreicht</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+16"/>
        <source>Failure rate</source>
        <translation>Fehlerquote</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Cancelled or halted</source>
        <translation>Abgebrochen oder angehalten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No rollout was cancelled or halted by the report date.</source>
        <translation>Bis zum Berichtsdatum wurde kein Rollout abgebrochen oder angehalten.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Compliance report %1</source>
        <translation>Compliance-Bericht %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>an unnamed operator</source>
        <translation>einem unbenannten Bediener</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Compliance report</source>
        <translation>Compliance-Bericht</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Prepared by %1 on %2. Fleet: %Ln device(s).</source>
        <translation>
            <numerusform>Erstellt von %1 am %2. Flotte: %Ln Gerät.</numerusform>
            <numerusform>Erstellt von %1 am %2. Flotte: %Ln Geräte.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Source: %1</source>
        <translation>Quelle: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Device counts are the fleet as the Status Tracker recorded it when the report was generated; patch ages and support status are measured at the report date. Decisions and rollouts are those recorded before %1 (the end of the report date); waiting releases are measured at %2.</source>
        <translation>Die Geräteanzahlen geben die Flotte so wieder, wie der Status-Tracker sie bei der Erstellung des Berichts erfasst hat; Patch-Alter und Supportstatus werden zum Berichtsdatum gemessen. Entscheidungen und Rollouts sind die vor %1 (dem Ende des Berichtsdatums) erfassten; wartende Releases werden zum Zeitpunkt %2 gemessen.</translation>
    </message>
</context>
<context>
    <name>Patchboard::ComplianceReportDialog</name>
    <message>
        <location filename="../views/compliancereportdialog.cpp" line="+48"/>
        <source>&amp;Browse…</source>
        <translation>Durch&amp;suchen…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Compliance Report</source>
        <translation>Compliance-Bericht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A PDF for a regulator or a manager: the devices by patch age and support status, the security update decisions against the 7-day window (SSU-TES-0010), and the rollouts completed by the date.</source>
        <translation>Ein PDF für eine Aufsichtsbehörde oder das Management: die Geräte nach Patch-Alter und Supportstatus, die Entscheidungen über Sicherheitsupdates gemessen am 7-Tage-Fenster (SSU-TES-0010) und die bis zum Datum abgeschlossenen Rollouts.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Report date</source>
        <translation>Berichtsdatum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File name of the report</source>
        <translation>Dateiname des Berichts</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Report progress</source>
        <translation>Berichtsfortschritt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Write Report</source>
        <translation>Bericht &amp;erstellen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open Report</source>
        <translation>Bericht ö&amp;ffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opens the report written last in the PDF viewer.</source>
        <translation>Öffnet den zuletzt geschriebenen Bericht im PDF-Viewer.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Report &amp;date:</source>
        <translation>Berichts&amp;datum:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save as:</source>
        <translation>Speichern &amp;unter:</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Enter a file name for the report.</source>
        <translation>Geben Sie einen Dateinamen für den Bericht ein.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The folder %1 does not exist. Choose another folder.</source>
        <translation>Der Ordner %1 existiert nicht. Wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is a folder. Enter a file name.</source>
        <translation>%1 ist ein Ordner. Geben Sie einen Dateinamen ein.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Gathering the figures for %1…</source>
        <translation>Kennzahlen für %1 werden gesammelt…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancelled; no file was written.</source>
        <translation>Abgebrochen; es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save Compliance Report</source>
        <translation>Compliance-Bericht speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Writing the PDF…</source>
        <translation>PDF wird geschrieben…</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Report for %1 written to %2 (%Ln page(s)).</source>
        <translation>
            <numerusform>Bericht für %1 nach %2 geschrieben (%Ln Seite).</numerusform>
            <numerusform>Bericht für %1 nach %2 geschrieben (%Ln Seiten).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>A file with this name exists; writing the report replaces it.</source>
        <translation>Eine Datei mit diesem Namen existiert bereits; beim Schreiben des Berichts wird sie ersetzt.</translation>
    </message>
</context>
<context>
    <name>Patchboard::ComplianceReportGatherer</name>
    <message>
        <location filename="../models/compliancereportgatherer.cpp" line="+33"/>
        <source>Could not read %1 for the report.
%2</source>
        <translation>Fehler beim Lesen von %1 für den Bericht.
%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reading %1 was cancelled before it finished. Try again.</source>
        <translation>Das Lesen von %1 wurde vor dem Abschluss abgebrochen. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Choose a valid date for the report.</source>
        <translation>Wählen Sie ein gültiges Datum für den Bericht.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The report needs the device tracker, the firmware server and the rollout service, and one of them is not connected. Restart Patchboard.</source>
        <translation>Der Bericht benötigt den Geräte-Tracker, den Firmware-Server und den Rollout-Dienst, und einer davon ist nicht verbunden. Starten Sie Patchboard neu.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the device counts</source>
        <translation>den Geräteanzahlen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the releases</source>
        <translation>den Releases</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the rollouts</source>
        <translation>den Rollouts</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Reading the fleet, releases and rollouts…</source>
        <translation>Flotte, Releases und Rollouts werden gelesen…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Reading the decisions on release %1…</source>
        <translation>Entscheidungen zu Release %1 werden gelesen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The firmware server is no longer connected.</source>
        <translation>Der Firmware-Server ist nicht mehr verbunden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the history of release %1</source>
        <translation>dem Verlauf von Release %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reading the history of rollout %1…</source>
        <translation>Verlauf von Rollout %1 wird gelesen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The rollout service is no longer connected.</source>
        <translation>Der Rollout-Dienst ist nicht mehr verbunden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the history of rollout %1</source>
        <translation>dem Verlauf von Rollout %1</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Writing the report…</source>
        <translation>Bericht wird geschrieben…</translation>
    </message>
</context>
<context>
    <name>Patchboard::ComplianceReportWriter</name>
    <message>
        <location filename="../models/compliancereportwriter.cpp" line="+101"/>
        <source>Page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Could not write the report to %1: %2</source>
        <translation>Der Bericht konnte nicht nach %1 geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a folder you can write to, with space left, and try again. No file was written.</source>
        <translation>Wählen Sie einen Ordner mit Schreibrechten und freiem Speicherplatz, und versuchen Sie es erneut. Es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>the PDF writer could not start</source>
        <translation>der PDF-Writer konnte nicht gestartet werden</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the PDF writer could not add page %1</source>
        <translation>der PDF-Writer konnte Seite %1 nicht hinzufügen</translation>
    </message>
</context>
<context>
    <name>Patchboard::ConnectionBanner</name>
    <message>
        <location filename="../views/connectionbanner.cpp" line="+19"/>
        <source>Retry &amp;Now</source>
        <translation>&amp;Jetzt wiederholen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign &amp;In…</source>
        <translation>&amp;Anmelden…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connection to the server</source>
        <translation>Verbindung zum Server</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Connection state</source>
        <translation>Verbindungsstatus</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Retry now</source>
        <translation>Jetzt wiederholen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask the server now instead of waiting for the next try</source>
        <translation>Den Server jetzt abfragen, statt auf den nächsten Versuch zu warten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in to the server again; nothing you see is lost</source>
        <translation>Erneut beim Server anmelden; nichts von dem, was Sie sehen, geht verloren</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Server unreachable since %1 — retrying now…</source>
        <translation>Server seit %1 nicht erreichbar — neuer Versuch läuft…</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Server unreachable since %1 — retrying (next in %Ln s)</source>
        <translation>
            <numerusform>Server seit %1 nicht erreichbar — neuer Versuch (nächster in %Ln s)</numerusform>
            <numerusform>Server seit %1 nicht erreichbar — neuer Versuch (nächster in %Ln s)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signed out — sign in again to go on</source>
        <translation>Abgemeldet — melden Sie sich erneut an, um fortzufahren</translation>
    </message>
</context>
<context>
    <name>Patchboard::CsvExport</name>
    <message>
        <location filename="../views/csvexport.cpp" line="+22"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Export cancelled; no file was written.</source>
        <translation>Export abgebrochen; es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export Failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>Patchboard::CsvReader</name>
    <message>
        <location filename="../services/tracker/csvreader.cpp" line="+50"/>
        <source>UTF-8 with byte-order mark</source>
        <translation>UTF-8 mit Byte-Order-Mark (BOM)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>UTF-16 (little endian)</source>
        <translation>UTF-16 (Little Endian)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>UTF-16 (big endian)</source>
        <translation>UTF-16 (Big Endian)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Latin-1 (the file is not valid UTF-8)</source>
        <translation>Latin-1 (die Datei ist kein gültiges UTF-8)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>semicolon (;)</source>
        <translation>Semikolon (;)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>comma (,)</source>
        <translation>Komma (,)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tab</source>
        <translation>Tabulator</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The file contains NUL bytes: it is not a text file (CSV).</source>
        <translation>Die Datei enthält NUL-Bytes: Sie ist keine Textdatei (CSV).</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Line %1 contains NUL bytes: the file is not a text file (CSV).</source>
        <translation>Zeile %1 enthält NUL-Bytes: Die Datei ist keine Textdatei (CSV).</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>The record starting on line %1 is longer than %2 MiB: the file is not a CSV file, or a quote is not closed.</source>
        <translation>Der Datensatz ab Zeile %1 ist länger als %2 MiB: Die Datei ist keine CSV-Datei, oder ein Anführungszeichen wird nicht geschlossen.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The quoted field starting on line %1 is not closed before the end of the file.</source>
        <translation>Das in Anführungszeichen gesetzte Feld ab Zeile %1 wird vor dem Dateiende nicht geschlossen.</translation>
    </message>
</context>
<context>
    <name>Patchboard::Database</name>
    <message>
        <location filename="../services/storage/database.cpp" line="+51"/>
        <source>The PostgreSQL server of &apos;%1&apos; cannot be reached (%2): %3</source>
        <translation>Der PostgreSQL-Server von „%1“ ist nicht erreichbar (%2): %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that the server runs and accepts connections from this host, and that the URL&apos;s host, port, user and password are right.</source>
        <translation>Prüfen Sie, ob der Server läuft und Verbindungen von diesem Host annimmt und ob Host, Port, Benutzer und Passwort in der URL stimmen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The PostgreSQL database &apos;%1&apos; is busy with a conflicting change (%2): %3</source>
        <translation>Die PostgreSQL-Datenbank „%1“ ist mit einer konkurrierenden Änderung beschäftigt (%2): %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was changed. Try again.</source>
        <translation>Es wurde nichts geändert. Versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The PostgreSQL database &apos;%1&apos; reports damaged data (%2): %3</source>
        <translation>Die PostgreSQL-Datenbank „%1“ meldet beschädigte Daten (%2): %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask the database administrator to check the server and restore from a backup.</source>
        <translation>Bitten Sie den Datenbankadministrator, den Server zu prüfen und aus einer Sicherung wiederherzustellen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The PostgreSQL database &apos;%1&apos; refused access (%2): %3</source>
        <translation>Die PostgreSQL-Datenbank „%1“ hat den Zugriff verweigert (%2): %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the user, password and database in the URL, and that the user may create tables in the database.</source>
        <translation>Prüfen Sie Benutzer, Passwort und Datenbank in der URL und ob der Benutzer in der Datenbank Tabellen anlegen darf.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not %1 in the PostgreSQL database &apos;%2&apos;: %3</source>
        <translation>%1 in der PostgreSQL-Datenbank „%2“ fehlgeschlagen: %3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The database server is out of disk space or memory; ask its administrator.</source>
        <translation>Dem Datenbankserver fehlt Speicherplatz oder Arbeitsspeicher; wenden Sie sich an seinen Administrator.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the PostgreSQL server&apos;s log.</source>
        <translation>Prüfen Sie das Protokoll des PostgreSQL-Servers.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing was changed. Choose another file with --database FILE, or move this file away to start again with a new demo fleet.</source>
        <translation>Es wurde nichts geändert. Wählen Sie mit --database eine andere Datei, oder verschieben Sie diese Datei, um mit einer neuen Demo-Flotte neu zu beginnen.</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>The database file &apos;%1&apos; is damaged or is not a database (%2).</source>
        <translation>Die Datenbankdatei „%1“ ist beschädigt oder keine Datenbank (%2).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The database file &apos;%1&apos; is locked by another program (%2).</source>
        <translation>Die Datenbankdatei „%1“ ist durch ein anderes Programm gesperrt (%2).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the other program using it, or choose another file with --database.</source>
        <translation>Schließen Sie das andere Programm, das sie verwendet, oder wählen Sie mit --database eine andere Datei.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not %1 in the database file &apos;%2&apos;: %3</source>
        <translation>%1 in der Datenbankdatei „%2“ fehlgeschlagen: %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that the disk is not full and the file is writable.</source>
        <translation>Prüfen Sie, ob auf dem Datenträger noch Speicherplatz frei ist und die Datei beschreibbar ist.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>run a statement</source>
        <translation>Ausführen einer Anweisung</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&apos;%1&apos; is a folder, not a database file.</source>
        <translation>„%1“ ist ein Ordner, keine Datenbankdatei.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the path of a file with --database FILE.</source>
        <translation>Geben Sie mit --database den Pfad einer Datei an.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The database file &apos;%1&apos; cannot be read: %2</source>
        <translation>Die Datenbankdatei „%1“ kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the file&apos;s permissions.</source>
        <translation>Prüfen Sie die Zugriffsrechte der Datei.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&apos;%1&apos; is not a Patchboard database: it is not an SQLite file.</source>
        <translation>„%1“ ist keine Patchboard-Datenbank: Es ist keine SQLite-Datei.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database file &apos;%1&apos; is read-only.</source>
        <translation>Die Datenbankdatei „%1“ ist schreibgeschützt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make it writable, or choose another file with --database FILE.</source>
        <translation>Machen Sie die Datei beschreibbar, oder wählen Sie mit --database eine andere Datei.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Could not open the database file &apos;%1&apos;: %2</source>
        <translation>Die Datenbankdatei „%1“ konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check that the folder exists and is writable.</source>
        <translation>Prüfen Sie, ob der Ordner existiert und beschreibbar ist.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+132"/>
        <source>read the schema version</source>
        <translation>Lesen der Schemaversion</translation>
    </message>
    <message>
        <location line="-129"/>
        <source>read the application id</source>
        <translation>Lesen der Anwendungs-ID</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+120"/>
        <source>read the schema</source>
        <translation>Lesen des Schemas</translation>
    </message>
    <message>
        <location line="-112"/>
        <source>&apos;%1&apos; is an SQLite database of another application, not a Patchboard database.</source>
        <translation>„%1“ ist eine SQLite-Datenbank einer anderen Anwendung, keine Patchboard-Datenbank.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The database file &apos;%1&apos; was written by a newer Patchboard (schema version %2; this version knows up to %3).</source>
        <translation>Die Datenbankdatei „%1“ wurde von einer neueren Patchboard-Version geschrieben (Schemaversion %2; diese Version unterstützt bis %3).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing was changed. Open it with a newer Patchboard, or choose another file with --database FILE.</source>
        <translation>Es wurde nichts geändert. Öffnen Sie die Datei mit einer neueren Patchboard-Version, oder wählen Sie mit --database eine andere Datei.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+62"/>
        <source>configure the connection</source>
        <translation>Konfigurieren der Verbindung</translation>
    </message>
    <message>
        <location line="-54"/>
        <location line="+126"/>
        <source>start a migration</source>
        <translation>Starten einer Migration</translation>
    </message>
    <message>
        <location line="-118"/>
        <location line="+133"/>
        <source>migrate to schema version %1</source>
        <translation>Migrieren auf Schemaversion %1</translation>
    </message>
    <message>
        <location line="-127"/>
        <location line="+133"/>
        <source>finish a migration</source>
        <translation>Abschließen einer Migration</translation>
    </message>
    <message>
        <location line="-117"/>
        <source>Cannot open &apos;%1&apos;: Qt&apos;s PostgreSQL driver (QPSQL) is not installed.</source>
        <translation>„%1“ kann nicht geöffnet werden: Der PostgreSQL-Treiber von Qt (QPSQL) ist nicht installiert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Install it (Debian: apt-get install libqt6sql6-psql), or use an SQLite file with --database FILE.</source>
        <translation>Installieren Sie ihn (Debian: apt-get install libqt6sql6-psql) oder verwenden Sie eine SQLite-Datei mit --database FILE.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>wait for another server&apos;s migration</source>
        <translation>Warten auf die Migration eines anderen Servers</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The PostgreSQL database &apos;%1&apos; has a schema_version table that is not Patchboard&apos;s.</source>
        <translation>Die PostgreSQL-Datenbank „%1“ hat eine Tabelle schema_version, die nicht von Patchboard stammt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+9"/>
        <source>Nothing was changed. Give Patchboard an empty database of its own (createdb), with --database postgresql://USER:PASSWORD@HOST:PORT/DATABASE.</source>
        <translation>Es wurde nichts geändert. Geben Sie Patchboard eine eigene, leere Datenbank (createdb) mit --database postgresql://USER:PASSWORD@HOST:PORT/DATABASE.</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>The PostgreSQL database &apos;%1&apos; holds tables of another application, not a Patchboard database.</source>
        <translation>Die PostgreSQL-Datenbank „%1“ enthält Tabellen einer anderen Anwendung, keine Patchboard-Datenbank.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The PostgreSQL database &apos;%1&apos; was written by a newer Patchboard (schema version %2; this version knows up to %3).</source>
        <translation>Die PostgreSQL-Datenbank „%1“ wurde von einer neueren Patchboard-Version geschrieben (Schemaversion %2; diese Version unterstützt bis %3).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing was changed. Run a newer Patchboard server against it, or give another database with --database.</source>
        <translation>Es wurde nichts geändert. Verwenden Sie einen neueren Patchboard-Server für sie oder geben Sie mit --database eine andere Datenbank an.</translation>
    </message>
</context>
<context>
    <name>Patchboard::DatabaseCopy</name>
    <message>
        <location filename="../services/storage/databasecopy.cpp" line="+32"/>
        <source>read the list of tables</source>
        <translation>die Liste der Tabellen lesen</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>The foreign keys of table %1 form a cycle.</source>
        <translation>Die Fremdschlüssel der Tabelle %1 bilden einen Zyklus.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 has tables that %2 lacks: %3.</source>
        <translation>%1 hat Tabellen, die %2 fehlen: %3.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy between two Patchboard databases of the same version.</source>
        <translation>Kopieren Sie zwischen zwei Patchboard-Datenbanken derselben Version.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>check that the target is empty</source>
        <translation>prüfen, dass das Ziel leer ist</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 already holds data (table %2).</source>
        <translation>%1 enthält bereits Daten (Tabelle %2).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy into a new, empty database: nothing was changed.</source>
        <translation>Kopieren Sie in eine neue, leere Datenbank; es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>start a transaction</source>
        <translation>Starten einer Transaktion</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Table %1 has no columns in %2.</source>
        <translation>Tabelle %1 hat in %2 keine Spalten.</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+26"/>
        <source>read table %1</source>
        <translation>Tabelle %1 lesen</translation>
    </message>
    <message>
        <location line="-22"/>
        <location line="+8"/>
        <location line="+19"/>
        <source>write table %1</source>
        <translation>Tabelle %1 schreiben</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>commit the copy</source>
        <translation>die Kopie abschließen</translation>
    </message>
</context>
<context>
    <name>Patchboard::DemoFleetGenerator</name>
    <message>
        <location filename="../services/simulation/demofleetgenerator.cpp" line="+105"/>
        <source>A demo fleet has between 0 and %1 devices, not %2.</source>
        <translation>Eine Demo-Flotte hat zwischen 0 und %1 Geräte, nicht %2.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>check that the database is empty</source>
        <translation>Prüfen auf leere Datenbank</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The database &apos;%1&apos; already holds a fleet; a demo fleet is only generated into an empty database.</source>
        <translation>Die Datenbank „%1“ enthält bereits eine Flotte; eine Demo-Flotte wird nur in einer leeren Datenbank erzeugt.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>start writing the demo fleet</source>
        <translation>Starten des Schreibvorgangs für die Demo-Flotte</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>write a manufacturer</source>
        <translation>Schreiben eines Herstellers</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>write a hardware model</source>
        <translation>Schreiben eines Hardwaremodells</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>write a firmware build</source>
        <translation>Schreiben eines Firmware-Builds</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>write a region</source>
        <translation>Schreiben einer Region</translation>
    </message>
    <message>
        <location line="+50"/>
        <location line="+29"/>
        <source>Generating the demo fleet was cancelled.</source>
        <translation>Das Erzeugen der Demo-Flotte wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>write a device</source>
        <translation>Schreiben eines Geräts</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>record the demo fleet</source>
        <translation>Erfassen der Demo-Flotte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>save the demo fleet</source>
        <translation>Speichern der Demo-Flotte</translation>
    </message>
</context>
<context>
    <name>Patchboard::DemoReleases</name>
    <message>
        <location filename="../services/firmware/demoreleases.cpp" line="+109"/>
        <source>find a hardware model for the demo releases</source>
        <translation>Suchen eines Hardwaremodells für die Demo-Releases</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The database has no hardware model with firmware: generate the demo fleet first.</source>
        <translation>Die Datenbank enthält kein Hardwaremodell mit Firmware: Erzeugen Sie zuerst die Demo-Flotte.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>count the releases</source>
        <translation>Zählen der Releases</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The database already has releases; demo releases go into a new one.</source>
        <translation>Die Datenbank enthält bereits Releases; Demo-Releases werden nur in einer neuen Datenbank angelegt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The model %1 has no SUIT class ID.</source>
        <translation>Das Modell %1 hat keine SUIT-Klassen-ID.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The demo keys could not be made.</source>
        <translation>Die Demo-Schlüssel konnten nicht erzeugt werden.</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+8"/>
        <source>Test Author (demo)</source>
        <translation>Test-Autor (Demo)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot create a temporary folder for the demo releases.</source>
        <translation>Für die Demo-Releases kann kein temporärer Ordner angelegt werden.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot write the demo image.</source>
        <translation>Das Demo-Image kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Cannot alter the demo manifest.</source>
        <translation>Das Demo-Manifest kann nicht geändert werden.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Demo: every test case passed on %1.</source>
        <translation>Demo: Alle Testfälle am %1 bestanden.</translation>
    </message>
</context>
<context>
    <name>Patchboard::DemoRolloutSetup</name>
    <message>
        <location filename="../app/desktop/demorolloutsetup.cpp" line="+53"/>
        <source>No approved release to roll out.</source>
        <translation>Kein freigegebenes Release zum Ausrollen.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Demo rollout %1 planned and played on the simulated clock.</source>
        <translation>Demo-Rollout %1 geplant und auf der simulierten Uhr abgespielt.</translation>
    </message>
</context>
<context>
    <name>Patchboard::Desktop</name>
    <message>
        <location filename="../app/desktop/main.cpp" line="+89"/>
        <source>Patchboard cannot open the fleet database
%1</source>
        <translation>Patchboard kann die Flottendatenbank nicht öffnen
%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The file was not changed. To start with a new demo fleet, move it away or choose another file with --database FILE.</source>
        <translation>Die Datei wurde nicht geändert. Um mit einer neuen Demo-Flotte zu beginnen, verschieben Sie die Datei, oder wählen Sie mit --database eine andere Datei.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+188"/>
        <source>Patchboard</source>
        <translation>Patchboard</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>Cannot write the screenshot %1.</source>
        <translation>Der Screenshot %1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Signing in without a dialog needs --user NAME and the password in the environment variable PATCHBOARD_PASSWORD.</source>
        <translation>Die Anmeldung ohne Dialog erfordert --user NAME und das Passwort in der Umgebungsvariablen PATCHBOARD_PASSWORD.</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Opening the fleet database…</source>
        <translation>Flottendatenbank wird geöffnet…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Opening releases and the audit log…</source>
        <translation>Releases und Audit-Protokoll werden geöffnet…</translation>
    </message>
    <message numerus="yes">
        <location line="+46"/>
        <source>Creating a demo fleet of %Ln device(s) in
%1…</source>
        <translation>
            <numerusform>Demo-Flotte mit %Ln Gerät wird angelegt in
%1…</numerusform>
            <numerusform>Demo-Flotte mit %Ln Geräten wird angelegt in
%1…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Adding demo releases…</source>
        <translation>Demo-Releases werden hinzugefügt…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No demo releases: %1</source>
        <translation>Keine Demo-Releases: %1</translation>
    </message>
</context>
<context>
    <name>Patchboard::DeviceCsv</name>
    <message>
        <location filename="../services/tracker/devicecsv.cpp" line="+93"/>
        <source>Cannot write &apos;%1&apos;: %2</source>
        <translation>„%1“ kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a folder you can write to.</source>
        <translation>Wählen Sie einen Ordner, in dem Sie Schreibrechte haben.</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+13"/>
        <source>Writing &apos;%1&apos; failed: %2</source>
        <translation>Schreiben von „%1“ fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+17"/>
        <source>Check that the disk is not full.</source>
        <translation>Prüfen Sie, ob auf dem Datenträger noch Speicherplatz frei ist.</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>The export was cancelled; no file was written.</source>
        <translation>Der Export wurde abgebrochen; es wurde keine Datei geschrieben.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Saving &apos;%1&apos; failed: %2</source>
        <translation>Speichern von „%1“ fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>Patchboard::DeviceDetailPanel</name>
    <message>
        <location filename="../views/devicedetailpanel.cpp" line="+55"/>
        <source>IMEI / serial:</source>
        <translation>IMEI / Seriennummer:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Manufacturer:</source>
        <translation>Hersteller:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region:</source>
        <translation>Region:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Firmware:</source>
        <translation>Firmware:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Security patch level:</source>
        <translation>Sicherheitspatch-Stand:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patch applied:</source>
        <translation>Patch installiert:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Patch age:</source>
        <translation>Patch-Alter:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Support ends:</source>
        <translation>Supportende:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Support:</source>
        <translation>Support:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last check-in:</source>
        <translation>Letzter Check-in:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Update state:</source>
        <translation>Update-Status:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exceptions:</source>
        <translation>Ausnahmen:</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+8"/>
        <source>Update history</source>
        <translation>Update-Verlauf</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>No updates recorded for this device yet.</source>
        <translation>Für dieses Gerät sind noch keine Updates erfasst.</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Select a device to see its details and update history.</source>
        <translation>Wählen Sie ein Gerät aus, um Details und Update-Verlauf anzuzeigen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No device tracker is connected.</source>
        <translation>Kein Geräte-Tracker verbunden.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>%1 %2</source>
        <comment>manufacturer, model</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1, time zone %2</source>
        <translation>%1, Zeitzone %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (sequence %2)</source>
        <translation>%1 (Sequenz %2)</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%Ln day(s)</source>
        <translation>
            <numerusform>%Ln Tag</numerusform>
            <numerusform>%Ln Tage</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The last update did not complete.</source>
        <translation>Das letzte Update wurde nicht abgeschlossen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>None</source>
        <translation>Keine</translation>
    </message>
</context>
<context>
    <name>Patchboard::DeviceFilterBar</name>
    <message>
        <location filename="../views/devicefilterbar.cpp" line="+59"/>
        <source>Clear filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Device ID (IMEI or serial number) starts with…</source>
        <translation>Geräte-ID (IMEI oder Seriennummer) beginnt mit…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device ID search</source>
        <translation>Suche nach Geräte-ID</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Any support status</source>
        <translation>Beliebiger Supportstatus</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Ending soon or ended</source>
        <translation>Endet bald oder beendet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Support status</source>
        <translation>Supportstatus</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any update state</source>
        <translation>Beliebiger Update-Status</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Update state</source>
        <translation>Update-Status</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Any exception state</source>
        <translation>Beliebiger Ausnahmestatus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No exceptions</source>
        <translation>Keine Ausnahmen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rooted or modified</source>
        <translation>Gerootet oder modifiziert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ported to another operator</source>
        <translation>Zu anderem Netzbetreiber portiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any exception</source>
        <translation>Mindestens eine Ausnahme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exception state</source>
        <translation>Ausnahmestatus</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manufacturer</source>
        <translation>Hersteller</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Filter problem</source>
        <translation>Filterproblem</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show every device of the fleet</source>
        <translation>Alle Geräte der Flotte anzeigen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Devices from the Telemetry page</source>
        <translation>Geräte von der Seite „Telemetrie“</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show these devices without the chart&apos;s selection</source>
        <translation>Diese Geräte ohne die Auswahl aus dem Diagramm anzeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the Telemetry selection</source>
        <translation>Telemetrie-Auswahl entfernen</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>All manufacturers</source>
        <translation>Alle Hersteller</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All regions</source>
        <translation>Alle Regionen</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 %2</source>
        <comment>manufacturer, model</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>All models</source>
        <translation>Alle Modelle</translation>
    </message>
    <message>
        <location line="+29"/>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manufacturer %1</source>
        <translation>Hersteller %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model %1</source>
        <translation>Modell %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region %1</source>
        <translation>Region %1</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>⚑ Devices behind the chart: %1</source>
        <translation>⚑ Geräte hinter dem Diagramm: %1</translation>
    </message>
</context>
<context>
    <name>Patchboard::DeviceFormat</name>
    <message numerus="yes">
        <location filename="../models/deviceformat.cpp" line="+67"/>
        <source>Out of date: the security patch level is %Ln day(s) old (the limit is %1).</source>
        <translation>
            <numerusform>Veraltet: Der Sicherheitspatch-Stand ist %Ln Tag alt (Grenzwert: %1).</numerusform>
            <numerusform>Veraltet: Der Sicherheitspatch-Stand ist %Ln Tage alt (Grenzwert: %1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln day(s)</source>
        <translation>
            <numerusform>%Ln Tag</numerusform>
            <numerusform>%Ln Tage</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Support ends on %1: plan to replace this device.</source>
        <translation>Der Support endet am %1: Planen Sie den Austausch dieses Geräts.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Support ended on %1: this device receives no more security updates and should be replaced.</source>
        <translation>Der Support endete am %1: Dieses Gerät erhält keine Sicherheitsupdates mehr und sollte ersetzt werden.</translation>
    </message>
</context>
<context>
    <name>Patchboard::DeviceGateway</name>
    <message>
        <location filename="../services/rollout/devicegateway.cpp" line="+73"/>
        <source>Device %1 was not offered an update by rollout %2.</source>
        <translation>Gerät %1 wurde von Rollout %2 kein Update angeboten.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check in first, and report only for the offer you got.</source>
        <translation>Führen Sie zuerst einen Check-in durch und melden Sie nur zu dem Angebot, das Sie erhalten haben.</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Report download, verify, install or reboot with an outcome that phase can have.</source>
        <translation>Melden Sie download, verify, install oder reboot mit einem Ergebnis, das diese Phase haben kann.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The report names no rollout.</source>
        <translation>Die Meldung nennt keinen Rollout.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Offers are made by the server; a device does not report them.</source>
        <translation>Angebote macht der Server; ein Gerät meldet sie nicht.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A download or verification is ok or failed.</source>
        <translation>Ein Download oder eine Prüfung ist ok oder failed.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>An installation is ok, failed or postponed.</source>
        <translation>Eine Installation ist ok, failed oder postponed.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A reboot ends the update: succeeded, failed or rolled-back.</source>
        <translation>Ein Neustart beendet das Update: succeeded, failed oder rolled-back.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A %1 outcome needs a reason.</source>
        <translation>Ein Ergebnis %1 erfordert einen Grund.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A %1 outcome has no reason.</source>
        <translation>Ein Ergebnis %1 hat keinen Grund.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The attempt number %1 is out of range.</source>
        <translation>Die Versuchsnummer %1 liegt außerhalb des zulässigen Bereichs.</translation>
    </message>
    <message>
        <location line="+180"/>
        <source>prepare the device gateway</source>
        <translation>Vorbereiten des Geräte-Gateways</translation>
    </message>
    <message>
        <location line="+55"/>
        <location line="+184"/>
        <source>start a transaction</source>
        <translation>Starten einer Transaktion</translation>
    </message>
    <message>
        <location line="-147"/>
        <source>record the devices&apos; reports</source>
        <translation>Erfassen der Berichte der Geräte</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>read the running rollouts</source>
        <translation>Lesen der laufenden Rollouts</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>read the rollout&apos;s release</source>
        <translation>Lesen des Releases des Rollouts</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>There is no rollout %1.</source>
        <translation>Es gibt keinen Rollout %1.</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>wait for the other server instances</source>
        <translation>auf die anderen Serverinstanzen warten</translation>
    </message>
    <message>
        <location line="+190"/>
        <source>Release %1 has no image &apos;%2&apos;.</source>
        <translation>Release %1 enthält kein Image „%2“.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The files of release %1 are missing on the server.</source>
        <translation>Die Dateien von Release %1 fehlen auf dem Server.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask the operator to import the release again.</source>
        <translation>Bitten Sie den Bediener, das Release erneut zu importieren.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The report of the %1 phase comes out of order: the server waits for the %2 phase of this update.</source>
        <translation>Der Bericht der Phase %1 kommt in falscher Reihenfolge: Der Server erwartet die Phase %2 dieses Updates.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Report the phases in order: download, verify, install, reboot.</source>
        <translation>Melden Sie die Phasen in der richtigen Reihenfolge: download, verify, install, reboot.</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>issue device credentials</source>
        <translation>Ausstellen von Geräte-Zugangsdaten</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>There is no device %1.</source>
        <translation>Es gibt kein Gerät %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issue credentials for devices of the fleet.</source>
        <translation>Stellen Sie Zugangsdaten für Geräte der Flotte aus.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The random generator failed.</source>
        <translation>Der Zufallsgenerator ist fehlgeschlagen.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>read the device credentials</source>
        <translation>Lesen der Geräte-Zugangsdaten</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The device gateway is already open.</source>
        <translation>Das Geräte-Gateway ist bereits geöffnet.</translation>
    </message>
    <message>
        <location line="+137"/>
        <source>Name the devices, or how many (1 to %1) of the first devices.</source>
        <translation>Nennen Sie die Geräte oder wie viele (1 bis %1) der ersten Geräte.</translation>
    </message>
</context>
<context>
    <name>Patchboard::DeviceRow</name>
    <message>
        <location filename="../models/devicerow.cpp" line="+116"/>
        <source>Sequence number %1</source>
        <translation>Sequenznummer %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Device ID</source>
        <translation>Geräte-ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manufacturer</source>
        <translation>Hersteller</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Patch level</source>
        <translation>Patch-Stand</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Patch age (days)</source>
        <translation>Patch-Alter (Tage)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Applied</source>
        <translation>Installiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Support end</source>
        <translation>Supportende</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Support</source>
        <translation>Support</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last check-in</source>
        <translation>Letzter Check-in</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Update state</source>
        <translation>Update-Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exceptions</source>
        <translation>Ausnahmen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>IMEI or serial number</source>
        <translation>IMEI oder Seriennummer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Security patch level as named in the bulletin</source>
        <translation>Sicherheitspatch-Stand laut Bulletin</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Days from the security patch level to %1</source>
        <translation>Tage vom Sicherheitspatch-Stand bis %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days since the security patch level</source>
        <translation>Tage seit dem Sicherheitspatch-Stand</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Date the patch level was installed</source>
        <translation>Datum, an dem der Patch-Stand installiert wurde</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last day of the model&apos;s security support</source>
        <translation>Letzter Tag des Sicherheitssupports für das Modell</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rooted or modified software, or ported to another operator (SSU-TES-0030)</source>
        <translation>Gerootete oder modifizierte Software oder zu anderem Netzbetreiber portiert (SSU-TES-0030)</translation>
    </message>
</context>
<context>
    <name>Patchboard::DeviceScan</name>
    <message>
        <location filename="../services/storage/devicescan.cpp" line="+33"/>
        <source>Loading was cancelled.</source>
        <translation>Das Laden wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Could not read the devices from &apos;%1&apos;: %2</source>
        <translation>Die Geräte konnten nicht aus „%1“ gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file is damaged; restore it from a backup, or choose another file with --database FILE. Nothing was changed.</source>
        <translation>Die Datei ist beschädigt; stellen Sie sie aus einer Sicherung wieder her, oder wählen Sie mit --database eine andere Datei. Es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check that the disk is readable.</source>
        <translation>Prüfen Sie, ob der Datenträger lesbar ist.</translation>
    </message>
    <message>
        <location line="+43"/>
        <location line="+21"/>
        <source>read the devices</source>
        <translation>Lesen der Geräte</translation>
    </message>
</context>
<context>
    <name>Patchboard::DeviceSql</name>
    <message>
        <location filename="../services/storage/devicesql.cpp" line="+41"/>
        <source>read the manufacturers</source>
        <translation>Lesen der Hersteller</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>read the hardware models</source>
        <translation>Lesen der Hardwaremodelle</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>read the regions</source>
        <translation>Lesen der Regionen</translation>
    </message>
</context>
<context>
    <name>Patchboard::DeviceTableModel</name>
    <message>
        <location filename="../models/devicetablemodel.cpp" line="+199"/>
        <source>No device tracker is connected.</source>
        <translation>Kein Geräte-Tracker verbunden.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The device query was cancelled.</source>
        <translation>Die Geräteabfrage wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>Patchboard::DevicesPage</name>
    <message>
        <location filename="../views/devicespage.cpp" line="+41"/>
        <source>Export CSV…</source>
        <translation>CSV exportieren…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Device count</source>
        <translation>Geräteanzahl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading devices…</source>
        <translation>Geräte werden geladen…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Query running</source>
        <translation>Abfrage läuft</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Write the devices matching the filters to a CSV file (Ctrl+E)</source>
        <translation>Die zu den Filtern passenden Geräte in eine CSV-Datei schreiben (Strg+E)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message numerus="yes">
        <location line="+126"/>
        <source>%Ln device(s)</source>
        <comment>the whole fleet</comment>
        <translation>
            <numerusform>%Ln Gerät</numerusform>
            <numerusform>%Ln Geräte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1 of %Ln device(s)</source>
        <comment>matching of fleet</comment>
        <translation>
            <numerusform>%1 von %Ln Gerät</numerusform>
            <numerusform>%1 von %Ln Geräten</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The fleet has no devices yet.</source>
        <translation>Die Flotte enthält noch keine Geräte.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No devices match these filters.&lt;br&gt;&lt;br&gt;&lt;a href=&quot;clear&quot;&gt;Clear filters&lt;/a&gt;</source>
        <translation>Keine Geräte entsprechen diesen Filtern.&lt;br&gt;&lt;br&gt;&lt;a href=&quot;clear&quot;&gt;Filter zurücksetzen&lt;/a&gt;</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>devices-%1.csv</source>
        <comment>export file name</comment>
        <translation>geraete-%1.csv</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+14"/>
        <source>Export Devices</source>
        <translation>Geräte exportieren</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>Exporting %Ln device(s)…</source>
        <translation>
            <numerusform>%Ln Gerät wird exportiert…</numerusform>
            <numerusform>%Ln Geräte werden exportiert…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Exported %Ln device(s) to %1.</source>
        <translation>
            <numerusform>%Ln Gerät nach %1 exportiert.</numerusform>
            <numerusform>%Ln Geräte nach %1 exportiert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Patchboard::EventWriter</name>
    <message>
        <location filename="../services/telemetry/eventwriter.cpp" line="+61"/>
        <location line="+69"/>
        <source>record the update events</source>
        <translation>Erfassen der Update-Ereignisse</translation>
    </message>
</context>
<context>
    <name>Patchboard::FirmwareAdministration</name>
    <message>
        <location filename="../services/firmware/firmwareadministration.cpp" line="+29"/>
        <source>Say why you %1: the reason is recorded with the change.</source>
        <translation>Geben Sie an, warum Sie %1: Der Grund wird mit der Änderung gespeichert.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>vendor ID</source>
        <translation>Vendor-ID</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>remove the key</source>
        <translation>den Schlüssel entfernen</translation>
    </message>
</context>
<context>
    <name>Patchboard::FleetIndex</name>
    <message>
        <location filename="../services/tracker/fleetindex.cpp" line="+147"/>
        <source>The database &apos;%1&apos; has %2 with an invalid id.</source>
        <translation>Die Datenbank „%1“ enthält %2 mit ungültiger ID.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+67"/>
        <source>The file is damaged; restore it from a backup.</source>
        <translation>Die Datei ist beschädigt; stellen Sie sie aus einer Sicherung wieder her.</translation>
    </message>
    <message>
        <location line="-62"/>
        <source>a hardware model</source>
        <translation>ein Hardwaremodell</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>a region</source>
        <translation>eine Region</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>read the firmware versions</source>
        <translation>Lesen der Firmwareversionen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>a firmware version</source>
        <translation>eine Firmwareversion</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>count the devices</source>
        <translation>Zählen der Geräte</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The database &apos;%1&apos; has a device (%2) that refers to an unknown model, region or firmware.</source>
        <translation>Die Datenbank „%1“ enthält ein Gerät (%2), das auf ein unbekanntes Modell, eine unbekannte Region oder eine unbekannte Firmware verweist.</translation>
    </message>
</context>
<context>
    <name>Patchboard::FleetSimulator</name>
    <message>
        <location filename="../services/simulation/fleetsimulator.cpp" line="+189"/>
        <source>record the simulated devices&apos; reports</source>
        <translation>Erfassen der Berichte der simulierten Geräte</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>read the hardware models</source>
        <translation>Lesen der Hardwaremodelle</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>read the regions</source>
        <translation>Lesen der Regionen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>read the firmware builds</source>
        <translation>Lesen der Firmware-Builds</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>read the active rollouts</source>
        <translation>Lesen der aktiven Rollouts</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>read the rollout</source>
        <translation>Lesen des Rollouts</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>read the release&apos;s builds</source>
        <translation>Lesen der Builds des Releases</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>read the rollout waves</source>
        <translation>Lesen der Rollout-Wellen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>read the rollout&apos;s devices</source>
        <translation>Lesen der Geräte des Rollouts</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>read the rollout states</source>
        <translation>Lesen der Rollout-Status</translation>
    </message>
</context>
<context>
    <name>Patchboard::InventoryCatalog</name>
    <message>
        <location filename="../services/tracker/inventorycatalog.cpp" line="+32"/>
        <source>read the hardware models</source>
        <translation>Lesen der Hardwaremodelle</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>read the regions</source>
        <translation>Lesen der Regionen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>read the firmware versions</source>
        <translation>Lesen der Firmwareversionen</translation>
    </message>
</context>
<context>
    <name>Patchboard::InventoryImport</name>
    <message>
        <location filename="../services/tracker/inventoryimport.cpp" line="+39"/>
        <source>Nothing was imported. Choose the CSV file your CRM or device-management tool exported.</source>
        <translation>Es wurde nichts importiert. Wählen Sie die CSV-Datei, die Ihr CRM- oder Geräteverwaltungssystem exportiert hat.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The import was cancelled; no device was changed.</source>
        <translation>Der Import wurde abgebrochen; es wurde kein Gerät geändert.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is a folder, not a CSV file.</source>
        <translation>%1 ist ein Ordner, keine CSV-Datei.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the file name and that you may read the file.</source>
        <translation>Prüfen Sie den Dateinamen und ob Sie die Datei lesen dürfen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+5"/>
        <source>%1 cannot be imported: %2</source>
        <translation>%1 kann nicht importiert werden: %2</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>%1 is empty.</source>
        <translation>%1 ist leer.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The first line of %1 has a single column: it is not a CSV file with semicolons, commas or tabs between the values.</source>
        <translation>Die erste Zeile von %1 hat nur eine Spalte: Es ist keine CSV-Datei mit Semikolons, Kommas oder Tabulatoren zwischen den Werten.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Column %1</source>
        <translation>Spalte %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 has a header line but no device rows.</source>
        <translation>%1 hat eine Kopfzeile, aber keine Gerätezeilen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>look up the devices</source>
        <translation>Nachschlagen der Geräte</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Nothing was imported.</source>
        <translation>Es wurde nichts importiert.</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Device %1 is on line %2 already; a device is imported from one line only.</source>
        <translation>Gerät %1 steht bereits in Zeile %2; ein Gerät wird nur aus einer Zeile importiert.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Device %1 is in the database already, and updating known devices was not chosen.</source>
        <translation>Gerät %1 ist bereits in der Datenbank, und das Aktualisieren vorhandener Geräte wurde nicht gewählt.</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a folder you can write to.</source>
        <translation>Wählen Sie einen Ordner, in dem Sie Schreibrechte haben.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Writing %1 failed: %2</source>
        <translation>Schreiben von %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that the disk is not full.</source>
        <translation>Prüfen Sie, ob auf dem Datenträger noch Speicherplatz frei ist.</translation>
    </message>
</context>
<context>
    <name>Patchboard::InventoryImportBackend</name>
    <message>
        <location filename="../services/tracker/inventoryimportbackend.cpp" line="+49"/>
        <source>No fleet database is open for the import.</source>
        <translation>Für den Import ist keine Flottendatenbank geöffnet.</translation>
    </message>
    <message numerus="yes">
        <location line="+96"/>
        <source>Checking: %Ln row(s) read (%1 of %2 MB)</source>
        <translation>
            <numerusform>Prüfung: %Ln Zeile gelesen (%1 von %2 MB)</numerusform>
            <numerusform>Prüfung: %Ln Zeilen gelesen (%1 von %2 MB)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Waiting for the database (another program writes)…</source>
        <translation>Warten auf die Datenbank (ein anderes Programm schreibt)…</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Writing: %1 of %Ln device(s)</source>
        <translation>
            <numerusform>Schreiben: %1 von %Ln Gerät</numerusform>
            <numerusform>Schreiben: %1 von %Ln Geräten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Patchboard::InventoryImportDialog</name>
    <message>
        <location filename="../views/inventoryimportdialog.cpp" line="+68"/>
        <source>&amp;Browse…</source>
        <translation>Durch&amp;suchen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Update devices that are already in the database</source>
        <translation>&amp;Bereits in der Datenbank vorhandene Geräte aktualisieren</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>E&amp;xport Report…</source>
        <translation>Bericht e&amp;xportieren…</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+212"/>
        <source>Import Devices</source>
        <translation>Geräte importieren</translation>
    </message>
    <message>
        <location line="-211"/>
        <source>Add or update devices from the inventory your CRM or device-management tool exported as CSV. Every row is checked first; the devices are written all together, or not at all.</source>
        <translation>Geräte aus dem Bestand hinzufügen oder aktualisieren, den Ihr CRM- oder Geräteverwaltungssystem als CSV exportiert hat. Jede Zeile wird zuerst geprüft; die Geräte werden entweder alle gemeinsam geschrieben oder gar nicht.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>CSV file to import</source>
        <translation>Zu importierende CSV-Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Path of the CSV file</source>
        <translation>Pfad der CSV-Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse for the CSV file</source>
        <translation>CSV-Datei suchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detected file format</source>
        <translation>Erkanntes Dateiformat</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;File:</source>
        <translation>&amp;Datei:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>A device already in the database gets the file&apos;s values (its update state stays). Without this, such a row is a problem and nothing is imported.</source>
        <translation>Ein Gerät, das bereits in der Datenbank ist, erhält die Werte aus der Datei (sein Update-Status bleibt erhalten). Ohne diese Option ist eine solche Zeile ein Problem, und es wird nichts importiert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>* required; the patch level or the firmware version is needed too.</source>
        <translation>* Pflichtfeld; außerdem wird der Patch-Stand oder die Firmwareversion benötigt.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Preview of the first rows</source>
        <translation>Vorschau der ersten Zeilen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+15"/>
        <source>Validation report</source>
        <translation>Prüfbericht</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Validate checks every row: IMEI check digits, models, regions, firmware builds, dates, duplicates. Problems are listed here by line.</source>
        <translation>„Prüfen“ prüft jede Zeile: IMEI-Prüfziffern, Modelle, Regionen, Firmware-Builds, Datumsangaben, Duplikate. Probleme werden hier nach Zeile aufgeführt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saves the problems as a CSV file, to fix them at the source.</source>
        <translation>Speichert die Probleme als CSV-Datei, um sie an der Quelle zu beheben.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Import progress</source>
        <translation>Importfortschritt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import status</source>
        <translation>Importstatus</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Validate</source>
        <translation>&amp;Prüfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stops the check or the import; nothing is changed.</source>
        <translation>Bricht die Prüfung oder den Import ab; es wird nichts geändert.</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>The import had finished before it could be cancelled: %1</source>
        <translation>Der Import war bereits abgeschlossen, bevor er abgebrochen werden konnte: %1</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV-Dateien (*.csv *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Reading %1…</source>
        <translation>%1 wird gelesen…</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>Encoding: %1 · Separator: %2 · Size: %3 · %Ln column(s)</source>
        <translation>
            <numerusform>Kodierung: %1 · Trennzeichen: %2 · Größe: %3 · %Ln Spalte</numerusform>
            <numerusform>Kodierung: %1 · Trennzeichen: %2 · Größe: %3 · %Ln Spalten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>The first %Ln row(s) as they will be imported.</source>
        <translation>
            <numerusform>%Ln Zeile vom Dateianfang, so wie sie importiert wird.</numerusform>
            <numerusform>%Ln Zeilen vom Dateianfang, so wie sie importiert werden.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 The file has more; Validate checks them all.</source>
        <translation>%1 Die Datei enthält weitere Zeilen; „Prüfen“ prüft sie alle.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the columns and the preview, then validate or import.</source>
        <translation>Kontrollieren Sie die Spalten und die Vorschau, und wählen Sie dann „Prüfen“ oder „Importieren“.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Importing %1…</source>
        <translation>%1 wird importiert…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checking %1…</source>
        <translation>%1 wird geprüft…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancelling…</source>
        <translation>Wird abgebrochen…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cancelled; no device was changed.</source>
        <translation>Abgebrochen; es wurde kein Gerät geändert.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancelled.</source>
        <translation>Abgebrochen.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Imported %1: %2 added, %3 updated, in %4 s. The Devices page shows them.</source>
        <translation>%1 importiert: %2 hinzugefügt, %3 aktualisiert, in %4 s. Die Seite „Geräte“ zeigt sie an.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Every row can be imported (checked in %1 s).</source>
        <translation>Jede Zeile kann importiert werden (geprüft in %1 s).</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln problem(s) found; see the report. Fix them in the file and try again.</source>
        <translation>
            <numerusform>%Ln Problem gefunden; siehe Bericht. Beheben Sie es in der Datei, und versuchen Sie es erneut.</numerusform>
            <numerusform>%Ln Probleme gefunden; siehe Bericht. Beheben Sie sie in der Datei, und versuchen Sie es erneut.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing was imported: %1</source>
        <translation>Es wurde nichts importiert: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1-problems.csv</source>
        <comment>file name</comment>
        <translation>%1-probleme.csv</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export Validation Report</source>
        <translation>Prüfbericht exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Report written to %1.</source>
        <translation>Bericht in %1 geschrieben.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>No operator is signed in.</source>
        <translation>Es ist kein Bediener angemeldet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checks every row; nothing is written.</source>
        <translation>Prüft jede Zeile; es wird nichts geschrieben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checks every row and writes them all in one transaction, or nothing when a row has a problem.</source>
        <translation>Prüft jede Zeile und schreibt alle in einer Transaktion – oder nichts, wenn eine Zeile ein Problem hat.</translation>
    </message>
</context>
<context>
    <name>Patchboard::InventoryMapping</name>
    <message>
        <location filename="../services/tracker/inventorymapping.cpp" line="+178"/>
        <source>Choose the column that holds the %1.</source>
        <translation>Wählen Sie die Spalte für „%1“.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file has no column %1 for the %2.</source>
        <translation>Die Datei hat keine Spalte %1 für „%2“.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose the column of the patch level or of the firmware version: one of them is needed.</source>
        <translation>Wählen Sie die Spalte des Patch-Stands oder der Firmwareversion: Eine davon wird benötigt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Column %1 is chosen for both the %2 and the %3.</source>
        <translation>Spalte %1 ist sowohl für „%2“ als auch für „%3“ ausgewählt.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>device ID</source>
        <translation>Geräte-ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>manufacturer</source>
        <translation>Hersteller</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>hardware model</source>
        <translation>Hardwaremodell</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>firmware version</source>
        <translation>Firmwareversion</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>patch level</source>
        <translation>Patch-Stand</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>date patch applied</source>
        <translation>Datum der Patch-Installation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>last check-in</source>
        <translation>Letzter Check-in</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>exceptions</source>
        <translation>Ausnahmen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rooted flag</source>
        <translation>Root-Kennzeichen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ported flag</source>
        <translation>Portierungskennzeichen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A 15-digit IMEI with a valid check digit, or a serial number of 4 to 64 letters, digits and - _ . / : with at least one letter.</source>
        <translation>Eine 15-stellige IMEI mit gültiger Prüfziffer oder eine Seriennummer aus 4 bis 64 Buchstaben, Ziffern und - _ . / : mit mindestens einem Buchstaben.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Optional: the maker, when the model column has the model name alone.</source>
        <translation>Optional: der Hersteller, wenn die Modellspalte nur den Modellnamen enthält.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A hardware model Patchboard knows, by name, with or without the manufacturer.</source>
        <translation>Ein Hardwaremodell, das Patchboard kennt, nach Name, mit oder ohne Hersteller.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A region Patchboard knows, by code (DE) or name (Germany).</source>
        <translation>Eine Region, die Patchboard kennt, nach Code (DE) oder Name (Germany).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A firmware build Patchboard knows for the model. When empty, the newest build with the device&apos;s patch level or older.</source>
        <translation>Ein Firmware-Build, den Patchboard für das Modell kennt. Wenn leer: der neueste Build mit dem Patch-Stand des Geräts oder einem älteren.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The security patch level, YYYY-MM-DD. When empty, the firmware build&apos;s.</source>
        <translation>Der Sicherheitspatch-Stand, JJJJ-MM-TT. Wenn leer: der des Firmware-Builds.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>YYYY-MM-DD. When empty: kept for a known device, the build&apos;s release date for a new one.</source>
        <translation>JJJJ-MM-TT. Wenn leer: bei einem bekannten Gerät unverändert, bei einem neuen das Veröffentlichungsdatum des Builds.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss] with Z or an offset (UTC without). When empty: kept, or the time of the import for a new device.</source>
        <translation>JJJJ-MM-TT oder JJJJ-MM-TTThh:mm[:ss] mit Z oder einem Offset (ohne: UTC). Wenn leer: unverändert bzw. bei einem neuen Gerät der Zeitpunkt des Imports.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>rooted, ported, both (rooted|ported) or none. When empty: kept, or none.</source>
        <translation>rooted, ported, beide (rooted|ported) oder none. Wenn leer: unverändert bzw. none.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>yes/no, true/false or 1/0. When empty: kept, or no.</source>
        <translation>yes/no, true/false oder 1/0. Wenn leer: unverändert bzw. no.</translation>
    </message>
</context>
<context>
    <name>Patchboard::InventoryMappingEditor</name>
    <message>
        <location filename="../views/inventorymappingeditor.cpp" line="+48"/>
        <source>CSV column of the %1</source>
        <translation>CSV-Spalte für „%1“</translation>
    </message>
</context>
<context>
    <name>Patchboard::InventoryMappingModel</name>
    <message>
        <location filename="../models/inventorymappingmodel.cpp" line="+34"/>
        <source>%1 *</source>
        <comment>a required field</comment>
        <translation>%1 *</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(not in the file)</source>
        <translation>(nicht in der Datei)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2</source>
        <comment>column number: column name</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>Patchboard field</source>
        <translation>Patchboard-Feld</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV column</source>
        <translation>CSV-Spalte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First row</source>
        <translation>Erste Zeile</translation>
    </message>
</context>
<context>
    <name>Patchboard::InventoryPreviewModel</name>
    <message>
        <location filename="../models/inventorypreviewmodel.cpp" line="+115"/>
        <source>%1 (from the patch level)</source>
        <translation>%1 (aus dem Patch-Stand)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(kept)</source>
        <translation>(unverändert)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 (build released)</source>
        <translation>%1 (Build veröffentlicht)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(time of the import)</source>
        <translation>(Zeitpunkt des Imports)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Device %1 is on an earlier line already.</source>
        <translation>Gerät %1 steht bereits in einer früheren Zeile.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Device %1 is in the database already, and updating known devices is not chosen.</source>
        <translation>Gerät %1 ist bereits in der Datenbank, und das Aktualisieren vorhandener Geräte ist nicht gewählt.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n Problem</numerusform>
            <numerusform>%n Probleme</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Update</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Device ID</source>
        <translation>Geräte-ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Patch level</source>
        <translation>Patch-Stand</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Patch applied</source>
        <translation>Patch installiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last check-in</source>
        <translation>Letzter Check-in</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exceptions</source>
        <translation>Ausnahmen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import</source>
        <translation>Import</translation>
    </message>
</context>
<context>
    <name>Patchboard::InventoryProblem</name>
    <message>
        <location filename="../services/tracker/inventoryproblem.cpp" line="+24"/>
        <source>too many values</source>
        <translation>zu viele Werte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>missing value</source>
        <translation>fehlender Wert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not UTF-8 text</source>
        <translation>kein UTF-8-Text</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bad IMEI check digit</source>
        <translation>falsche IMEI-Prüfziffer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bad device ID</source>
        <translation>ungültige Geräte-ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unknown hardware model</source>
        <translation>unbekanntes Hardwaremodell</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ambiguous hardware model</source>
        <translation>mehrdeutiges Hardwaremodell</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unknown region</source>
        <translation>unbekannte Region</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unknown firmware version</source>
        <translation>unbekannte Firmwareversion</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>malformed date</source>
        <translation>ungültiges Datum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>date in the future</source>
        <translation>Datum in der Zukunft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unknown exception flag</source>
        <translation>unbekanntes Ausnahme-Flag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>duplicate device ID</source>
        <translation>doppelte Geräte-ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>device already known</source>
        <translation>Gerät bereits bekannt</translation>
    </message>
</context>
<context>
    <name>Patchboard::InventoryReportModel</name>
    <message numerus="yes">
        <location filename="../models/inventoryreportmodel.cpp" line="+31"/>
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln Zeile</numerusform>
            <numerusform>%Ln Zeilen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 new, %2 to update</source>
        <translation>%1 neu, %2 zu aktualisieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Imported %1: %2.</source>
        <translation>%1 importiert: %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No problems in %1: %2. Import writes them.</source>
        <translation>Keine Probleme in %1: %2. „Importieren“ schreibt sie in die Datenbank.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln problem(s) in %1; nothing can be imported until they are fixed.</source>
        <translation>
            <numerusform>%Ln Problem in %1; es kann nichts importiert werden, bis es behoben ist.</numerusform>
            <numerusform>%Ln Probleme in %1; es kann nichts importiert werden, bis sie behoben sind.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The first %1 are listed.</source>
        <translation>Die ersten %1 sind aufgeführt.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>(whole row)</source>
        <translation>(ganze Zeile)</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
</context>
<context>
    <name>Patchboard::InventoryValidator</name>
    <message>
        <location filename="../services/tracker/inventoryvalidator.cpp" line="+71"/>
        <source>%1 (%2)</source>
        <comment>region name (code)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+133"/>
        <source>The row has %1 values, the header %2 columns: a value with a %3 in it must be in double quotes.</source>
        <translation>Die Zeile hat %1 Werte, die Kopfzeile %2 Spalten: Ein Wert, der %3 enthält, muss in doppelten Anführungszeichen stehen.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The value is not UTF-8 text; save the file as UTF-8 and import it again.</source>
        <translation>Der Wert ist kein UTF-8-Text; speichern Sie die Datei als UTF-8, und importieren Sie sie erneut.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The %1 is empty.</source>
        <translation>Das Feld „%1“ ist leer.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Several manufacturers make a model named %1; map the manufacturer column or write the manufacturer before the model.</source>
        <translation>Mehrere Hersteller stellen ein Modell namens %1 her; ordnen Sie die Herstellerspalte zu, oder schreiben Sie den Hersteller vor das Modell.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Patchboard knows no hardware model named %1; models are not created by an import (they need a launch date and a support period).</source>
        <translation>Patchboard kennt kein Hardwaremodell namens %1; Modelle werden nicht durch einen Import angelegt (sie benötigen ein Markteinführungsdatum und einen Supportzeitraum).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Patchboard knows no region with the code or name %1; regions are not created by an import (maintenance windows need their time zone).</source>
        <translation>Patchboard kennt keine Region mit dem Code oder Namen %1; Regionen werden nicht durch einen Import angelegt (Wartungsfenster benötigen ihre Zeitzone).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The patch level %1 is in the future.</source>
        <translation>Der Patch-Stand %1 liegt in der Zukunft.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Patchboard knows no firmware build of %1.</source>
        <translation>Patchboard kennt keinen Firmware-Build von %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is not a firmware build of %2 that Patchboard knows (the newest: %3).</source>
        <translation>%1 ist kein Patchboard bekannter Firmware-Build von %2 (die neuesten: %3).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The row has neither a patch level nor a firmware version.</source>
        <translation>Die Zeile enthält weder einen Patch-Stand noch eine Firmwareversion.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No firmware build of %1 that Patchboard knows has the patch level %2 or an older one; give the firmware version.</source>
        <translation>Kein Patchboard bekannter Firmware-Build von %1 hat den Patch-Stand %2 oder einen älteren; geben Sie die Firmwareversion an.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The patch was applied on %1, in the future.</source>
        <translation>Der Patch wurde am %1 installiert, also in der Zukunft.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The last check-in %1 is in the future.</source>
        <translation>Der letzte Check-in %1 liegt in der Zukunft.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 is not an exception Patchboard knows; write rooted, ported, both (rooted|ported) or none.</source>
        <translation>%1 ist keine Patchboard bekannte Ausnahme; schreiben Sie rooted, ported, beides (rooted|ported) oder none.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 is not yes or no (also true/false, 1/0).</source>
        <translation>%1 ist weder ja noch nein (auch yes/no, true/false, 1/0).</translation>
    </message>
</context>
<context>
    <name>Patchboard::InventoryValues</name>
    <message numerus="yes">
        <location filename="../services/tracker/inventoryvalues.cpp" line="+114"/>
        <source>A numeric device ID is an IMEI of 15 digits; %1 has %n digit(s).</source>
        <translation>
            <numerusform>Eine numerische Geräte-ID ist eine IMEI mit 15 Ziffern; %1 hat %n Ziffer.</numerusform>
            <numerusform>Eine numerische Geräte-ID ist eine IMEI mit 15 Ziffern; %1 hat %n Ziffern.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>IMEI %1 has the check digit %2, but its first 14 digits give %3 (Luhn): a digit is wrong.</source>
        <translation>Die IMEI %1 hat die Prüfziffer %2, ihre ersten 14 Ziffern ergeben aber %3 (Luhn): Eine Ziffer ist falsch.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 looks like an IMEI a spreadsheet turned into a rounded number; export the column as text.</source>
        <translation>%1 sieht aus wie eine IMEI, die eine Tabellenkalkulation in eine gerundete Zahl umgewandelt hat; exportieren Sie die Spalte als Text.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is neither an IMEI (15 digits) nor a serial number (4 to 64 letters, digits and - _ . / : with at least one letter).</source>
        <translation>%1 ist weder eine IMEI (15 Ziffern) noch eine Seriennummer (4 bis 64 Buchstaben, Ziffern und - _ . / : mit mindestens einem Buchstaben).</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>%1 is not a date in the form YYYY-MM-DD; day and month orders differ between countries, so it is not guessed.</source>
        <translation>%1 ist kein Datum im Format JJJJ-MM-TT; die Reihenfolge von Tag und Monat ist von Land zu Land verschieden, daher wird sie nicht geraten.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is not a day of the calendar.</source>
        <translation>%1 ist kein gültiger Kalendertag.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDThh:mm:ss, with Z or an offset).</source>
        <translation>%1 ist weder ein Datum (JJJJ-MM-TT) noch ein Datum mit Uhrzeit (JJJJ-MM-TTThh:mm:ss, mit Z oder einem Offset).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is not a date in the form YYYY-MM-DD.</source>
        <translation>%1 ist kein Datum im Format JJJJ-MM-TT.</translation>
    </message>
</context>
<context>
    <name>Patchboard::InventoryWriter</name>
    <message>
        <location filename="../services/tracker/inventorywriter.cpp" line="+34"/>
        <source>The import was cancelled; no device was changed.</source>
        <translation>Der Import wurde abgebrochen; es wurde kein Gerät geändert.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>start writing the devices</source>
        <translation>Starten des Schreibvorgangs für die Geräte</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>add a device</source>
        <translation>Hinzufügen eines Geräts</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>update a device</source>
        <translation>Aktualisieren eines Geräts</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Device %1 could not be added, so no device was changed: %2</source>
        <translation>Gerät %1 konnte nicht hinzugefügt werden, daher wurde kein Gerät geändert: %2</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Device %1 could not be updated, so no device was changed: %2</source>
        <translation>Gerät %1 konnte nicht aktualisiert werden, daher wurde kein Gerät geändert: %2</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>save the devices</source>
        <translation>Speichern der Geräte</translation>
    </message>
</context>
<context>
    <name>Patchboard::LocalFirmwareBackend</name>
    <message>
        <location filename="../services/firmware/localfirmwarebackend.cpp" line="+33"/>
        <source>No fleet database is open.</source>
        <translation>Es ist keine Flottendatenbank geöffnet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a database first (see --database).</source>
        <translation>Öffnen Sie zuerst eine Datenbank (siehe --database).</translation>
    </message>
</context>
<context>
    <name>Patchboard::LocalRolloutBackend</name>
    <message>
        <location filename="../services/rollout/localrolloutbackend.cpp" line="+56"/>
        <source>The rollout database is not open.</source>
        <translation>Die Rollout-Datenbank ist nicht geöffnet.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This rollout engine plays no simulated devices: real devices report over the device API.</source>
        <translation>Diese Rollout-Engine spielt keine simulierten Geräte ab: Echte Geräte berichten über die Geräte-API.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use patchboard-fleetsim to simulate devices against the server.</source>
        <translation>Verwenden Sie patchboard-fleetsim, um Geräte gegenüber dem Server zu simulieren.</translation>
    </message>
    <message>
        <location line="+61"/>
        <location line="+540"/>
        <source>save the simulator settings</source>
        <translation>Speichern der Simulatoreinstellungen</translation>
    </message>
    <message>
        <location line="-531"/>
        <source>count the active rollouts</source>
        <translation>Zählen der aktiven Rollouts</translation>
    </message>
    <message>
        <location line="+65"/>
        <location line="+59"/>
        <source>start a transaction</source>
        <translation>Starten einer Transaktion</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>take the rollout engine&apos;s lease</source>
        <translation>Übernehmen des Leases der Rollout-Engine</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+49"/>
        <source>record the rollout step</source>
        <translation>Erfassen des Rollout-Schritts</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>set up the connection</source>
        <translation>die Verbindung einrichten</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>read the simulator settings</source>
        <translation>Lesen der Simulatoreinstellungen</translation>
    </message>
    <message>
        <location line="+270"/>
        <source>The simulation speed must be 0 (as fast as possible) or positive.</source>
        <translation>Die Simulationsgeschwindigkeit muss 0 (so schnell wie möglich) oder positiv sein.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A failure rate lies between 0 and 100%.</source>
        <translation>Eine Fehlerrate liegt zwischen 0 und 100 %.</translation>
    </message>
</context>
<context>
    <name>Patchboard::LocalTelemetryBackend</name>
    <message>
        <location filename="../services/telemetry/localtelemetrybackend.cpp" line="+26"/>
        <source>The telemetry database is not open.</source>
        <translation>Die Telemetriedatenbank ist nicht geöffnet.</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>read the telemetry</source>
        <translation>Lesen der Telemetrie</translation>
    </message>
</context>
<context>
    <name>Patchboard::LocalTrackerBackend</name>
    <message>
        <location filename="../services/tracker/localtrackerbackend.cpp" line="+38"/>
        <source>No fleet database is open.</source>
        <translation>Es ist keine Flottendatenbank geöffnet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a database first (see --database).</source>
        <translation>Öffnen Sie zuerst eine Datenbank (siehe --database).</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>Embedded database: %1</source>
        <translation>Eingebettete Datenbank: %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>look into the database</source>
        <translation>Untersuchen der Datenbank</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>count the devices</source>
        <translation>Zählen der Geräte</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>A page of devices starts at 0 and has at most 100000 rows.</source>
        <translation>Eine Geräteseite beginnt bei 0 und hat höchstens 100000 Zeilen.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>count the matching devices</source>
        <translation>Zählen der passenden Geräte</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>read the matching devices</source>
        <translation>Lesen der passenden Geräte</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>read the device</source>
        <translation>Lesen des Geräts</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The device no longer exists.</source>
        <translation>Das Gerät existiert nicht mehr.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>read the update history</source>
        <translation>Lesen des Update-Verlaufs</translation>
    </message>
</context>
<context>
    <name>Patchboard::LoginDialog</name>
    <message>
        <location filename="../views/logindialog.cpp" line="+30"/>
        <source>Sign In — Patchboard</source>
        <translation>Anmelden — Patchboard</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sign-in problem</source>
        <translation>Anmeldeproblem</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User:</source>
        <translation>&amp;Benutzer:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign in as an operator of the server. What you may do follows the role the server gives you.</source>
        <translation>Melden Sie sich als Bediener des Servers an. Was Sie tun dürfen, richtet sich nach der Rolle, die der Server Ihnen zuweist.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Sign In</source>
        <translation>&amp;Anmelden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Signing in to %1…</source>
        <translation>Anmeldung bei %1…</translation>
    </message>
</context>
<context>
    <name>Patchboard::MainWindow</name>
    <message>
        <location filename="../views/mainwindow.cpp" line="+70"/>
        <source>Pages</source>
        <translation>Seiten</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compliance</source>
        <translation>Compliance</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>No device tracker</source>
        <translation>Kein Geräte-Tracker</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Loading devices…</source>
        <translation>Geräte werden geladen…</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>Releases</source>
        <translation>Releases</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rollouts</source>
        <translation>Rollouts</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The rollout engine could not advance: %1</source>
        <translation>Die Rollout-Engine konnte nicht weiterarbeiten: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Telemetry</source>
        <translation>Telemetrie</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Audit Log</source>
        <translation>Audit-Protokoll</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Database state</source>
        <translation>Datenbankstatus</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No database</source>
        <translation>Keine Datenbank</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Backend</source>
        <translation>Backend</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operator</source>
        <translation>Bediener</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who acts, and in which role (File &gt; Switch Operator)</source>
        <translation>Wer handelt, und in welcher Rolle (Datei &gt; Bediener wechseln)</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>%1 — Patchboard</source>
        <translation>%1 — Patchboard</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Patchboard — Rollouts</source>
        <translation>Patchboard — Rollouts</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Compliance &amp;Report…</source>
        <translation>Compliance-Be&amp;richt…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A PDF for a date: patch ages, support status, decisions and rollouts (Ctrl+R)</source>
        <translation>Ein PDF zu einem Datum: Patch-Alter, Supportstatus, Entscheidungen und Rollouts (Strg+R)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Wall Screen</source>
        <translation>&amp;Wandanzeige</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every active rollout, full screen and read-only, for the operations room (F11; Esc leaves)</source>
        <translation>Alle aktiven Rollouts im Vollbild und schreibgeschützt, für den Leitstand (F11; Esc beendet)</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>&amp;Rollout</source>
        <translation>&amp;Rollout</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;New Rollout…</source>
        <translation>&amp;Neuer Rollout…</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Audit log broken at entry %1</source>
        <translation>Audit-Protokoll bei Eintrag %1 unterbrochen</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Database OK</source>
        <translation>Datenbank OK</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The last answer from the fleet database came back fine.</source>
        <translation>Die letzte Antwort der Flottendatenbank war fehlerfrei.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Database error: %1</source>
        <translation>Datenbankfehler: %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Operator: %1</source>
        <translation>Bediener: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No operator</source>
        <translation>Kein Bediener</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Devices are imported on the embedded database only; on a server, the server&apos;s administrator imports them.</source>
        <translation>Geräte werden nur in die eingebettete Datenbank importiert; bei einem Server importiert sie dessen Administrator.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This backend cannot import devices.</source>
        <translation>Dieses Backend kann keine Geräte importieren.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add or update devices from the CSV file your CRM or device-management tool exported</source>
        <translation>Geräte aus der CSV-Datei hinzufügen oder aktualisieren, die Ihr CRM- oder Geräteverwaltungssystem exportiert hat</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (%2)</source>
        <comment>what an action does (its shortcut)</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Imported %1: %2 device(s) added, %3 updated.</source>
        <translation>%1 importiert: %2 Gerät(e) hinzugefügt, %3 aktualisiert.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Import Devices…</source>
        <translation>Geräte &amp;importieren…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Export Devices as CSV…</source>
        <translation>Geräte als CSV &amp;exportieren…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>S&amp;witch Operator…</source>
        <translation>Bediener &amp;wechseln…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find Device…</source>
        <translation>Gerät &amp;suchen…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connection, operator, theme and language, compliance limits and rollout defaults (%1)</source>
        <translation>Verbindung, Bediener, Design und Sprache, Compliance-Grenzwerte und Rollout-Standardwerte (%1)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Patchboard</source>
        <translation>Über &amp;Patchboard</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>About Patchboard</source>
        <translation>Über Patchboard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;Patchboard %1&lt;/h3&gt;&lt;p&gt;A console for keeping fleets of cellular and IoT devices patched: security patch levels, end of support, releases and staged rollouts, following ITU-T X.secup-iot and the GSMA security update guidelines.&lt;/p&gt;&lt;p&gt;Backend: %2&lt;/p&gt;&lt;p&gt;Licensed under the Apache License 2.0.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Patchboard %1&lt;/h3&gt;&lt;p&gt;Eine Konsole, um Flotten von Mobilfunk- und IoT-Geräten auf aktuellem Patch-Stand zu halten: Sicherheitspatch-Stände, Supportende, Releases und gestaffelte Rollouts gemäß ITU-T X.secup-iot und den GSMA-Richtlinien für Sicherheitsupdates.&lt;/p&gt;&lt;p&gt;Backend: %2&lt;/p&gt;&lt;p&gt;Lizenziert unter der Apache License 2.0.&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>On a server you act as the operator you signed in as, in the role the server gives; sign in as another user to act as them.</source>
        <translation>Bei einem Server handeln Sie als der Bediener, als der Sie angemeldet sind, in der Rolle, die der Server vergibt; melden Sie sich als anderer Benutzer an, um als dieser zu handeln.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Who acts, and in which role, as the server signed you in</source>
        <translation>Wer handelt, und in welcher Rolle, wie vom Server angemeldet</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Signed in as %1.</source>
        <translation>Angemeldet als %1.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>connecting</source>
        <translation>Verbindung wird hergestellt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>online</source>
        <translation>online</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>offline</source>
        <translation>offline</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>signed out</source>
        <translation>abgemeldet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Server: %1 — %2</source>
        <comment>server address, connection state</comment>
        <translation>Server: %1 — %2</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%Ln device(s)</source>
        <translation>
            <numerusform>%Ln Gerät</numerusform>
            <numerusform>%Ln Geräte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1 of %Ln device(s)</source>
        <translation>
            <numerusform>%1 von %Ln Gerät</numerusform>
            <numerusform>%1 von %Ln Geräten</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Patchboard::ModelComplianceModel</name>
    <message numerus="yes">
        <location filename="../models/modelcompliancemodel.cpp" line="+110"/>
        <source>Devices of this model whose patch level is older than %Ln day(s); click to list them.</source>
        <translation>
            <numerusform>Geräte dieses Modells mit einem Patch-Stand älter als %Ln Tag; zum Auflisten klicken.</numerusform>
            <numerusform>Geräte dieses Modells mit einem Patch-Stand älter als %Ln Tage; zum Auflisten klicken.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Click to list the devices of %1 %2.</source>
        <translation>Klicken, um die Geräte von %1 %2 aufzulisten.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Rank by number of devices, most popular first (SSU-SEC-0021)</source>
        <translation>Rang nach Anzahl der Geräte, häufigstes Modell zuerst (SSU-SEC-0021)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manufacturer</source>
        <translation>Hersteller</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Out of date</source>
        <translation>Veraltet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Out-of-date share</source>
        <translation>Anteil veraltet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Support end</source>
        <translation>Supportende</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Support</source>
        <translation>Support</translation>
    </message>
</context>
<context>
    <name>Patchboard::NetworkFleet</name>
    <message>
        <location filename="../services/simulation/networkfleet.cpp" line="+556"/>
        <source>Ran %1 s, %2 requests, %3 errors.</source>
        <translation>Laufzeit %1 s, %2 Anfragen, %3 Fehler.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check-ins: %1 (%2/s), p50 %3 ms, p99 %4 ms; all requests p50 %5 ms, p99 %6 ms.</source>
        <translation>Check-ins: %1 (%2/s), p50 %3 ms, p99 %4 ms; alle Anfragen p50 %5 ms, p99 %6 ms.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Offers: %1; manifests: %2; images: %3; %4 MB received.</source>
        <translation>Angebote: %1; Manifeste: %2; Images: %3; %4 MB empfangen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reports: %1.</source>
        <translation>Berichte: %1.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Devices updated: %1; waiting for their maintenance window: %2.</source>
        <translation>Aktualisierte Geräte: %1; auf ihr Wartungsfenster wartend: %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Error: %1 (%2 times)</source>
        <translation>Fehler: %1 (%2-mal)</translation>
    </message>
</context>
<context>
    <name>Patchboard::NewRolloutDialog</name>
    <message>
        <location filename="../views/newrolloutdialog.cpp" line="+74"/>
        <source>&lt; &amp;Back</source>
        <translation>&lt; &amp;Zurück</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Next &gt;</source>
        <translation>&amp;Weiter &gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create as D&amp;raft</source>
        <translation>Als &amp;Entwurf anlegen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create and &amp;Schedule</source>
        <translation>Anlegen und &amp;planen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New Rollout</source>
        <translation>Neuer Rollout</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+94"/>
        <location line="+21"/>
        <source>Release</source>
        <translation>Release</translation>
    </message>
    <message>
        <location line="-115"/>
        <location line="+127"/>
        <source>Targets</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <location line="-127"/>
        <location line="+140"/>
        <source>Waves</source>
        <translation>Wellen</translation>
    </message>
    <message>
        <location line="-139"/>
        <location line="+153"/>
        <source>Schedule</source>
        <translation>Zeitplan</translation>
    </message>
    <message>
        <location line="-153"/>
        <location line="+197"/>
        <source>End-user notice</source>
        <translation>Hinweis für Endnutzer</translation>
    </message>
    <message>
        <location line="-197"/>
        <location line="+15"/>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>%1. %2</source>
        <comment>step number, step name</comment>
        <translation>%1. %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>What the rollout would do with the fleet as it is now. It can be created once no problem is listed.</source>
        <translation>Was der Rollout mit der Flotte in ihrem aktuellen Zustand tun würde. Er kann angelegt werden, sobald kein Problem mehr aufgeführt ist.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Preview summary</source>
        <translation>Zusammenfassung der Vorschau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Previous step (Alt+B)</source>
        <translation>Vorheriger Schritt (Alt+Z)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next step (Alt+N)</source>
        <translation>Nächster Schritt (Alt+W)</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Rollout name</source>
        <translation>Rollout-Name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. November security update, Germany</source>
        <translation>z. B. Sicherheitsupdate November, Deutschland</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Release:</source>
        <translation>&amp;Release:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>An approved release that has not been withdrawn. Test engineers approve releases on the Releases page.</source>
        <translation>Ein genehmigtes Release, das nicht zurückgezogen wurde. Testingenieure genehmigen Releases auf der Seite „Releases“.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Which devices get the release: all checked models and regions, narrowed by patch level and firmware sequence. Devices already at or above the release&apos;s sequence are always left out (anti-rollback).</source>
        <translation>Welche Geräte das Release erhalten: alle ausgewählten Modelle und Regionen, eingegrenzt nach Patch-Stand und Firmware-Sequenz. Geräte, die bereits auf oder über der Sequenz des Releases sind, werden immer ausgenommen (Rollback-Schutz).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The release is offered wave by wave, the most popular models first. A wave halts the rollout when its failures exceed the error threshold; the next wave starts after the wave succeeded and soaked.</source>
        <translation>Das Release wird Welle für Welle angeboten, die häufigsten Modelle zuerst. Eine Welle hält den Rollout an, wenn ihre Fehler die Fehlerschwelle überschreiten; die nächste Welle startet, wenn die Welle erfolgreich war und ihre Beobachtungszeit abgelaufen ist.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>When the rollout starts once scheduled, when devices may install, and until when devices are offered the release.</source>
        <translation>Wann der Rollout nach der Planung startet, wann Geräte installieren dürfen und bis wann Geräten das Release angeboten wird.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Notice title</source>
        <translation>Titel des Hinweises</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Notice summary</source>
        <translation>Zusammenfassung des Hinweises</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Manufacturer fallback for devices the operator cannot reach</source>
        <translation>&amp;Hersteller-Fallback für Geräte, die der Netzbetreiber nicht erreicht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SSU-TES-0020: such devices get the update from the manufacturer&apos;s site.</source>
        <translation>SSU-TES-0020: Solche Geräte erhalten das Update von der Website des Herstellers.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Manufacturer fallback URL</source>
        <translation>URL des Hersteller-Fallbacks</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Title:</source>
        <translation>&amp;Titel:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;ummary:</source>
        <translation>Zusammen&amp;fassung:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>What the device&apos;s user reads: that this is a security update (SSU-COM-0020) and which vulnerabilities it fixes (SSU-COM-0030). Prefilled from the release notes.</source>
        <translation>Was der Nutzer des Geräts liest: dass es sich um ein Sicherheitsupdate handelt (SSU-COM-0020) und welche Schwachstellen es behebt (SSU-COM-0030). Vorausgefüllt aus den Release Notes.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>No firmware server is connected: there are no releases to roll out.</source>
        <translation>Kein Firmware-Server verbunden: Es gibt keine Releases für einen Rollout.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 · patch level %2 · %3</source>
        <translation>%1 · Patch-Stand %2 · %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No approved release is available.</source>
        <translation>Kein genehmigtes Release verfügbar.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>%1 release by %2 for %3; sequence %4; approved %5</source>
        <translation>Release vom Typ %1 von %2 für %3; Sequenz %4; genehmigt %5</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 (patch level %2)</source>
        <translation>%1 (Patch-Stand %2)</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>No approved release is available to roll out.</source>
        <translation>Kein genehmigtes Release für einen Rollout verfügbar.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a release.</source>
        <translation>Wählen Sie ein Release aus.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give the rollout a name.</source>
        <translation>Geben Sie dem Rollout einen Namen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give the manufacturer&apos;s address for the fallback, or turn it off.</source>
        <translation>Geben Sie die Adresse des Herstellers für den Fallback an, oder schalten Sie ihn aus.</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+52"/>
        <source>No rollout service is connected.</source>
        <translation>Kein Rollout-Dienst verbunden.</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>Choose a release to see what the rollout would target.</source>
        <translation>Wählen Sie ein Release aus, um zu sehen, welche Ziele der Rollout hätte.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No preview.</source>
        <translation>Keine Vorschau.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The rollout is being created.</source>
        <translation>Der Rollout wird angelegt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The preview failed: %1</source>
        <translation>Die Vorschau ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for the preview of the plan as it stands.</source>
        <translation>Warten auf die Vorschau des aktuellen Plans.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The preview lists %Ln problem(s); see the Preview step.</source>
        <translation>
            <numerusform>Die Vorschau nennt %Ln Problem; siehe Schritt „Vorschau“.</numerusform>
            <numerusform>Die Vorschau nennt %Ln Probleme; siehe Schritt „Vorschau“.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Create the rollout as a draft: nothing is offered until it is scheduled.</source>
        <translation>Rollout als Entwurf anlegen: Nichts wird angeboten, bis er geplant ist.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create the rollout and schedule it: it starts at its start time, or now.</source>
        <translation>Rollout anlegen und planen: Er startet zu seiner Startzeit oder sofort.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Preview: choose a release.</source>
        <translation>Vorschau: Wählen Sie ein Release aus.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview: updating…</source>
        <translation>Vorschau: wird aktualisiert…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview failed.</source>
        <translation>Vorschau fehlgeschlagen.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Preview: %Ln device(s) targeted</source>
        <translation>
            <numerusform>Vorschau: %Ln Zielgerät</numerusform>
            <numerusform>Vorschau: %Ln Zielgeräte</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source> in %Ln wave(s)</source>
        <translation>
            <numerusform> in %Ln Welle</numerusform>
            <numerusform> in %Ln Wellen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%Ln problem(s): see the Preview step</source>
        <translation>
            <numerusform>%Ln Problem: siehe Schritt „Vorschau“</numerusform>
            <numerusform>%Ln Probleme: siehe Schritt „Vorschau“</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%Ln warning(s)</source>
        <translation>
            <numerusform>%Ln Warnung</numerusform>
            <numerusform>%Ln Warnungen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ready to create</source>
        <translation>bereit zum Anlegen</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Created and scheduled %1.</source>
        <translation>%1 angelegt und geplant.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created %1 as a draft.</source>
        <translation>%1 als Entwurf angelegt.</translation>
    </message>
</context>
<context>
    <name>Patchboard::Operator</name>
    <message>
        <location filename="../services/domain/operator.cpp" line="+37"/>
        <source>Viewer</source>
        <translation>Betrachter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test engineer</source>
        <translation>Testingenieur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rollout manager</source>
        <translation>Rollout-Manager</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>viewer</source>
        <comment>within a sentence</comment>
        <translation>Betrachter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>test engineer</source>
        <comment>within a sentence</comment>
        <translation>Testingenieur</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>rollout manager</source>
        <comment>within a sentence</comment>
        <translation>Rollout-Manager</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>administrator</source>
        <comment>within a sentence</comment>
        <translation>Administrator</translation>
    </message>
</context>
<context>
    <name>Patchboard::OperatorDialog</name>
    <message>
        <location filename="../views/operatordialog.cpp" line="+21"/>
        <source>Switch Operator</source>
        <translation>Bediener wechseln</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actions are recorded under this name and role in the release history and the audit log.</source>
        <translation>Aktionen werden unter diesem Namen und dieser Rolle im Release-Verlauf und im Audit-Protokoll erfasst.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your operator name</source>
        <translation>Ihr Bedienername</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Role:</source>
        <translation>&amp;Rolle:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Switch</source>
        <translation>Wechseln</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Reads releases, test results and the audit log; changes nothing.</source>
        <translation>Liest Releases, Testergebnisse und das Audit-Protokoll; ändert nichts.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Imports releases and bulletin data, records test results, waives cases, approves and rejects releases.</source>
        <translation>Importiert Releases und Bulletin-Daten, erfasst Testergebnisse, nimmt Testfälle aus, genehmigt Releases und lehnt sie ab.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Withdraws approved releases (and schedules rollouts).</source>
        <translation>Zieht genehmigte Releases zurück (und plant Rollouts).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manages the Author trust store, bulletin data and workflow settings; imports and withdraws releases. Does not approve what the trust store lets in.</source>
        <translation>Verwaltet den Vertrauensspeicher für Autorenschlüssel, die Bulletin-Daten und die Workflow-Einstellungen; importiert Releases und zieht sie zurück. Genehmigt nicht, was der Vertrauensspeicher zulässt.</translation>
    </message>
</context>
<context>
    <name>Patchboard::OperatorSession</name>
    <message>
        <location filename="../models/operatorsession.cpp" line="+37"/>
        <source> or </source>
        <comment>between role names</comment>
        <translation> oder </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No operator is signed in (File &gt; Switch Operator).</source>
        <translation>Kein Bediener angemeldet (Datei &gt; Bediener wechseln).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the role %1 may %2; you act as %3.</source>
        <translation>„%2“ ist nur der Rolle %1 erlaubt; Sie handeln als %3.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 (%2)</source>
        <comment>operator name, role</comment>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>Patchboard::OperatorSessions</name>
    <message>
        <location filename="../services/auth/operatorsessions.cpp" line="+96"/>
        <source>The operator accounts are not open.</source>
        <translation>Die Bedienerkonten sind nicht geöffnet.</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Too many failed sign-ins. Try again in %n minute(s).</source>
        <translation>
            <numerusform>Zu viele fehlgeschlagene Anmeldungen. Versuchen Sie es in %n Minute erneut.</numerusform>
            <numerusform>Zu viele fehlgeschlagene Anmeldungen. Versuchen Sie es in %n Minuten erneut.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>If you forgot your password, ask an administrator to set a new one.</source>
        <translation>Wenn Sie Ihr Passwort vergessen haben, bitten Sie einen Administrator, ein neues festzulegen.</translation>
    </message>
    <message>
        <location line="+57"/>
        <location line="+116"/>
        <location line="+63"/>
        <source>read the operator accounts</source>
        <translation>Lesen der Bedienerkonten</translation>
    </message>
    <message>
        <location line="-138"/>
        <source>No random bytes for a session token.</source>
        <translation>Keine Zufallsbytes für ein Sitzungstoken.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+16"/>
        <source>open a session</source>
        <translation>Öffnen einer Sitzung</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>remove expired sessions</source>
        <translation>Entfernen abgelaufener Sitzungen</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+15"/>
        <source>end a session</source>
        <translation>Beenden einer Sitzung</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>read the sessions</source>
        <translation>Lesen der Sitzungen</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>An operator named %1 exists already.</source>
        <translation>Ein Bediener namens %1 existiert bereits.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose another name.</source>
        <translation>Wählen Sie einen anderen Namen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>add an operator</source>
        <translation>Hinzufügen eines Bedieners</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>add the operator %1</source>
        <translation>Hinzufügen des Bedieners %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>disable an operator</source>
        <translation>Deaktivieren eines Bedieners</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>disable the operator %1</source>
        <translation>Deaktivieren des Bedieners %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There is no operator named %1.</source>
        <translation>Es gibt keinen Bediener namens %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the name (it is case-sensitive).</source>
        <translation>Prüfen Sie den Namen (Groß- und Kleinschreibung wird unterschieden).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>end the sessions of %1</source>
        <translation>Beenden der Sitzungen von %1</translation>
    </message>
    <message>
        <location line="+164"/>
        <source>&quot;%1&quot; cannot be an operator name.</source>
        <translation>„%1“ kann kein Bedienername sein.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use 1 to %1 characters, without spaces at either end and without control characters.</source>
        <translation>Verwenden Sie 1 bis %1 Zeichen, ohne Leerzeichen am Anfang oder Ende und ohne Steuerzeichen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The password of %1 is too short.</source>
        <translation>Das Passwort von %1 ist zu kurz.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Use at least %n characters.</source>
        <translation>
            <numerusform>Verwenden Sie mindestens %n Zeichen.</numerusform>
            <numerusform>Verwenden Sie mindestens %n Zeichen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+78"/>
        <source>The user name or the password is wrong.</source>
        <translation>Der Benutzername oder das Passwort ist falsch.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Check both and try again. After %n failed attempts, sign-in is locked for a while.</source>
        <translation>
            <numerusform>Prüfen Sie beides und versuchen Sie es erneut. Nach %n fehlgeschlagenen Versuch wird die Anmeldung für eine Weile gesperrt.</numerusform>
            <numerusform>Prüfen Sie beides und versuchen Sie es erneut. Nach %n fehlgeschlagenen Versuchen wird die Anmeldung für eine Weile gesperrt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Patchboard::OsvImporter</name>
    <message>
        <location filename="../services/firmware/osvimporter.cpp" line="+72"/>
        <source>%1: not valid JSON (%2).</source>
        <translation>%1: kein gültiges JSON (%2).</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: a record has no &quot;id&quot;.</source>
        <translation>%1: Ein Datensatz hat kein Feld „id“.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1: larger than %2 MiB, skipped.</source>
        <translation>%1: größer als %2 MiB, übersprungen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 holds more than %2 JSON files.</source>
        <translation>%1 enthält mehr als %2 JSON-Dateien.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 does not exist.</source>
        <translation>%1 existiert nicht.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give a folder of OSV .json files, one .json file or the OSV .zip export.</source>
        <translation>Geben Sie einen Ordner mit OSV-.json-Dateien, eine einzelne .json-Datei oder den OSV-.zip-Export an.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No OSV records were found in %1.</source>
        <translation>In %1 wurden keine OSV-Einträge gefunden.</translation>
    </message>
</context>
<context>
    <name>Patchboard::PageWatcher</name>
    <message>
        <location filename="../app/desktop/pagewatcher.cpp" line="+143"/>
        <source>--drill-down found no failing model or region to list.</source>
        <translation>--drill-down hat kein Modell und keine Region mit Fehlern zum Auflisten gefunden.</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>The dialog or wall screen to save is gone.</source>
        <translation>Der Dialog oder die Wandanzeige, die gespeichert werden sollte, ist nicht mehr vorhanden.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot write the screenshot %1.</source>
        <translation>Der Screenshot %1 kann nicht geschrieben werden.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The New Rollout dialog did not open: it needs --page rollouts and --role rollout-manager. %1</source>
        <translation>Der Dialog „Neuer Rollout“ wurde nicht geöffnet: Er benötigt --page rollouts und --role rollout-manager. %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The Resume dialog did not open: it needs --page rollouts, a paused or halted rollout and --role rollout-manager.</source>
        <translation>Der Dialog „Rollout fortsetzen“ wurde nicht geöffnet: Er benötigt --page rollouts, einen pausierten oder angehaltenen Rollout und --role rollout-manager.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The Import Devices dialog did not open: it needs --role administrator.</source>
        <translation>Der Dialog „Geräte importieren“ wurde nicht geöffnet: Er benötigt --role administrator.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The dialog given with --dialog did not open.</source>
        <translation>Der mit --dialog angegebene Dialog wurde nicht geöffnet.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The wall screen did not open (it needs the rollout service).</source>
        <translation>Die Wandanzeige wurde nicht geöffnet (sie benötigt den Rollout-Dienst).</translation>
    </message>
</context>
<context>
    <name>Patchboard::PasswordHash</name>
    <message>
        <location filename="../services/auth/passwordhash.cpp" line="+92"/>
        <source>PBKDF2 needs at least one iteration and a key length between 1 and 1024 bytes.</source>
        <translation>PBKDF2 benötigt mindestens eine Iteration und eine Schlüssellänge zwischen 1 und 1024 Byte.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>OpenSSL has no PBKDF2: %1</source>
        <translation>OpenSSL bietet kein PBKDF2: %1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>PBKDF2 failed: %1</source>
        <translation>PBKDF2 fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A password hash needs between %1 and %2 iterations.</source>
        <translation>Ein Passwort-Hash benötigt zwischen %1 und %2 Iterationen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No random bytes for a password salt: %1</source>
        <translation>Keine Zufallsbytes für einen Passwort-Salt: %1</translation>
    </message>
</context>
<context>
    <name>Patchboard::PatchAgeChart</name>
    <message>
        <location filename="../views/patchagechart.cpp" line="+21"/>
        <source>Devices by patch age</source>
        <translation>Geräte nach Patch-Alter</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Patch age (days)</source>
        <translation>Patch-Alter (Tage)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 days: %2 devices (%3)
Click to list these devices.</source>
        <translation>%1 Tage: %2 Geräte (%3)
Klicken, um diese Geräte aufzulisten.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Up to date</source>
        <translation>Aktuell</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Out of date (over %Ln day(s))</source>
        <translation>
            <numerusform>Veraltet (über %Ln Tag)</numerusform>
            <numerusform>Veraltet (über %Ln Tage)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 days: %2 devices, out of date</source>
        <translation>%1 Tage: %2 Geräte, veraltet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 days: %2 devices</source>
        <translation>%1 Tage: %2 Geräte</translation>
    </message>
</context>
<context>
    <name>Patchboard::PatchAgeModel</name>
    <message>
        <location filename="../models/patchagemodel.cpp" line="+26"/>
        <source>%1+</source>
        <comment>patch age bin without upper bound</comment>
        <translation>%1+</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1–%2</source>
        <comment>patch age bin, days from-to</comment>
        <translation>%1–%2</translation>
    </message>
    <message numerus="yes">
        <location line="+56"/>
        <source>Out of date: older than %Ln day(s) (SSU-SEC-0020).</source>
        <translation>
            <numerusform>Veraltet: älter als %Ln Tag (SSU-SEC-0020).</numerusform>
            <numerusform>Veraltet: älter als %Ln Tage (SSU-SEC-0020).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Patch age (days)</source>
        <translation>Patch-Alter (Tage)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share</source>
        <translation>Anteil</translation>
    </message>
</context>
<context>
    <name>Patchboard::PatchLevelFilterEdit</name>
    <message>
        <location filename="../views/patchlevelfilteredit.cpp" line="+34"/>
        <source>to</source>
        <translation>und</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Any patch level</source>
        <translation>Beliebiger Patch-Stand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patch level before</source>
        <translation>Patch-Stand vor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patch level after</source>
        <translation>Patch-Stand nach</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patch older than</source>
        <translation>Patch älter als</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patch age between</source>
        <translation>Patch-Alter zwischen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patch level filter</source>
        <translation>Patch-Stand-Filter</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Patch level date</source>
        <translation>Datum des Patch-Stands</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Security patch level, YYYY-MM-DD, between %1 and %2</source>
        <translation>Sicherheitspatch-Stand, JJJJ-MM-TT, zwischen %1 und %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+127"/>
        <source>Patch age in days</source>
        <translation>Patch-Alter in Tagen</translation>
    </message>
    <message>
        <location line="-124"/>
        <source>no limit</source>
        <translation>unbegrenzt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Largest patch age in days</source>
        <translation>Größtes Patch-Alter in Tagen</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The largest patch age must not be smaller than the smallest.</source>
        <translation>Das größte Patch-Alter darf nicht kleiner als das kleinste sein.</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Smallest patch age in days</source>
        <translation>Kleinstes Patch-Alter in Tagen</translation>
    </message>
</context>
<context>
    <name>Patchboard::Permissions</name>
    <message>
        <location filename="../services/auth/permissions.cpp" line="+58"/>
        <source>No operator is signed in: %1 is refused.</source>
        <translation>Kein Bediener angemeldet: „%1“ wird verweigert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in with your operator name.</source>
        <translation>Melden Sie sich mit Ihrem Bedienernamen an.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 acts as %2, and a %2 may not: %3.</source>
        <translation>%1 handelt in der Rolle „%2“, und diese Rolle darf Folgendes nicht: %3.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ask someone with the right role to do it.</source>
        <translation>Bitten Sie jemanden mit der passenden Rolle darum.</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>view releases</source>
        <translation>Releases ansehen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>import a release</source>
        <translation>Release importieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>record a test result</source>
        <translation>Testergebnis erfassen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>waive a test case</source>
        <translation>Testfall ausnehmen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>approve a release</source>
        <translation>Release genehmigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reject a release</source>
        <translation>Release ablehnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>withdraw a release</source>
        <translation>Release zurückziehen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>change the Author trust store</source>
        <translation>Vertrauensspeicher für Autorenschlüssel ändern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>import security bulletin data</source>
        <translation>Sicherheitsbulletin-Daten importieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>change the release workflow settings</source>
        <translation>Einstellungen des Release-Workflows ändern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>view rollouts</source>
        <translation>Rollouts ansehen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>plan and schedule a rollout</source>
        <translation>Rollout entwerfen und planen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pause, resume or cancel a rollout</source>
        <translation>Rollout pausieren, fortsetzen oder abbrechen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>change the fleet simulator</source>
        <translation>Flottensimulator ändern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>import the device inventory</source>
        <translation>Geräteinventar importieren</translation>
    </message>
</context>
<context>
    <name>Patchboard::PostgresUrl</name>
    <message>
        <location filename="../services/storage/postgresurl.cpp" line="+24"/>
        <source>Give the database as postgresql://USER:PASSWORD@HOST:PORT/DATABASE.</source>
        <translation>Geben Sie die Datenbank als postgresql://USER:PASSWORD@HOST:PORT/DATABASE an.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>&apos;%1&apos; is not a valid PostgreSQL URL.</source>
        <translation>„%1“ ist keine gültige PostgreSQL-URL.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The PostgreSQL URL &apos;%1&apos; has an option Patchboard cannot pass on: &apos;%2&apos;.</source>
        <translation>Die PostgreSQL-URL „%1“ enthält eine Option, die Patchboard nicht weitergeben kann: „%2“.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use libpq connection options such as sslmode=require or connect_timeout=10, and put the password before the &apos;@&apos;.</source>
        <translation>Verwenden Sie libpq-Verbindungsoptionen wie sslmode=require oder connect_timeout=10, und setzen Sie das Passwort vor das „@“.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The PostgreSQL URL &apos;%1&apos; names no database.</source>
        <translation>Die PostgreSQL-URL „%1“ nennt keine Datenbank.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The PostgreSQL URL &apos;%1&apos; names no host.</source>
        <translation>Die PostgreSQL-URL „%1“ nennt keinen Host.</translation>
    </message>
</context>
<context>
    <name>Patchboard::PreparedStatement</name>
    <message>
        <location filename="../services/storage/preparedstatement.cpp" line="+92"/>
        <source>Could not %1 in &apos;%2&apos;: %3</source>
        <translation>%1 in „%2“ fehlgeschlagen: %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file is damaged; restore it from a backup. Nothing else was changed.</source>
        <translation>Die Datei ist beschädigt; stellen Sie sie aus einer Sicherung wieder her. Sonst wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that the disk is writable and not full.</source>
        <translation>Prüfen Sie, ob der Datenträger beschreibbar ist und noch Speicherplatz frei ist.</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReasonDialog</name>
    <message>
        <location filename="../views/reasondialog.cpp" line="+33"/>
        <source>&amp;Reason (recorded in the release history and the audit log):</source>
        <translation>&amp;Grund (wird im Release-Verlauf und im Audit-Protokoll erfasst):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Write a reason first.</source>
        <translation>Geben Sie zuerst einen Grund ein.</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseAuthor</name>
    <message>
        <location filename="../services/firmware/releaseauthor.cpp" line="+40"/>
        <location line="+16"/>
        <source>Cannot create %1: %2</source>
        <translation>%1 kann nicht erstellt werden: %2</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+23"/>
        <location line="+3"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+9"/>
        <source>Cannot read the image %1: %2</source>
        <translation>Das Image %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>%1 already exists; keys are never overwritten.</source>
        <translation>%1 existiert bereits; Schlüssel werden nie überschrieben.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The %1 &quot;%2&quot; is not a UUID (32 hex digits, dashes allowed).</source>
        <translation>%1 „%2“ ist keine UUID (32 Hexadezimalziffern, Bindestriche erlaubt).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No signing key was given.</source>
        <translation>Es wurde kein Signaturschlüssel angegeben.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Vendor and class IDs are 16-byte UUIDs (RFC 9124).</source>
        <translation>Vendor- und Klassen-IDs sind 16-Byte-UUIDs (RFC 9124).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A release needs at least one image.</source>
        <translation>Ein Release benötigt mindestens ein Image.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A release has at most %1 images.</source>
        <translation>Ein Release hat höchstens %1 Images.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Two images are named %1.</source>
        <translation>Zwei Images heißen %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The image %1 is not a file.</source>
        <translation>Das Image %1 ist keine Datei.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The image %1 is larger than %2 GiB.</source>
        <translation>Das Image %1 ist größer als %2 GiB.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 already exists; choose a new bundle name.</source>
        <translation>%1 existiert bereits; wählen Sie einen neuen Bundle-Namen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot create %1.</source>
        <translation>%1 kann nicht erstellt werden.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Cannot move the bundle into place at %1.</source>
        <translation>Das Bundle kann nicht nach %1 verschoben werden.</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseBundle</name>
    <message>
        <location filename="../services/firmware/releasebundle.cpp" line="+25"/>
        <source>An image name is empty.</source>
        <translation>Ein Image-Name ist leer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The image name &quot;%1&quot; is longer than %2 characters.</source>
        <translation>Der Image-Name „%1“ ist länger als %2 Zeichen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The image name &quot;%1&quot; starts with a dot.</source>
        <translation>Der Image-Name „%1“ beginnt mit einem Punkt.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The image name &quot;%1&quot; has a character other than letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; (no paths).</source>
        <translation>Der Image-Name „%1“ enthält ein anderes Zeichen als Buchstaben, Ziffern, &apos;.&apos;, &apos;_&apos; und &apos;-&apos; (keine Pfade).</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>%1 is not a directory.</source>
        <translation>%1 ist kein Verzeichnis.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 is a symbolic link; a bundle holds plain files only.</source>
        <translation>%1 ist ein symbolischer Link; ein Bundle enthält nur normale Dateien.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 does not belong in a release bundle (only %2, %3 and %4/).</source>
        <translation>%1 gehört nicht in ein Release-Bundle (nur %2, %3 und %4/).</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+2"/>
        <source>The bundle has no %1.</source>
        <translation>Im Bundle fehlt %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The bundle has no %1/ folder.</source>
        <translation>Im Bundle fehlt der Ordner %1/.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1/%2 is not a plain file.</source>
        <translation>%1/%2 ist keine normale Datei.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1/%2 is larger than %3 GiB.</source>
        <translation>%1/%2 ist größer als %3 GiB.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The bundle has no images.</source>
        <translation>Das Bundle enthält keine Images.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The bundle has %1 images; at most %2 are accepted.</source>
        <translation>Das Bundle enthält %1 Images; höchstens %2 sind zulässig.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The images add up to more than %1 GiB.</source>
        <translation>Die Images sind zusammen größer als %1 GiB.</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseChangeModel</name>
    <message>
        <location filename="../models/releasechangemodel.cpp" line="+31"/>
        <source>Not a security fix: a security release may hold only security fixes (SSU-SEC-0010).</source>
        <translation>Kein Sicherheitsfix: Ein Sicherheitsrelease darf nur Sicherheitsfixes enthalten (SSU-SEC-0010).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Names no CVE: each security fix needs at least one (SSU-SEC-0010).</source>
        <translation>Nennt keine CVE: Jeder Sicherheitsfix braucht mindestens eine (SSU-SEC-0010).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Breaks the security-only rule (SSU-SEC-0010).</source>
        <translation>Verstößt gegen die Regel „nur Sicherheitsfixes“ (SSU-SEC-0010).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not a security fix</source>
        <translation>Kein Sicherheitsfix</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No CVE named</source>
        <translation>Keine CVE genannt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not allowed</source>
        <translation>Nicht zulässig</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CVEs</source>
        <translation>CVEs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Security-only check</source>
        <translation>Prüfung „nur Sicherheitsfixes“</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseCheckModel</name>
    <message>
        <location filename="../models/releasecheckmodel.cpp" line="+69"/>
        <source>Blocking</source>
        <translation>Blockierend</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Warning only</source>
        <translation>Nur Warnung</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>A failure of this check stops approval.</source>
        <translation>Schlägt diese Prüfung fehl, ist keine Genehmigung möglich.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A failure of this check is shown, and recorded with an approval, but does not stop it.</source>
        <translation>Schlägt diese Prüfung fehl, wird das angezeigt und mit einer Genehmigung erfasst, verhindert sie aber nicht.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>If it fails</source>
        <translation>Bei Fehlschlag</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseChecklist</name>
    <message>
        <location filename="../services/firmware/releasechecklist.cpp" line="+59"/>
        <source>Vendor ID %1 is not registered for any manufacturer.</source>
        <translation>Vendor-ID %1 ist für keinen Hersteller registriert.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Class ID %1 names no known hardware model.</source>
        <translation>Klassen-ID %1 bezeichnet kein bekanntes Hardwaremodell.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Class ID %1 names a model of another manufacturer than vendor %2&apos;s.</source>
        <translation>Klassen-ID %1 bezeichnet ein Modell eines anderen Herstellers als des Herstellers von Vendor %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The notes cannot be read, so the targeted models are unknown.</source>
        <translation>Die Release Notes sind nicht lesbar, daher sind die Zielmodelle unbekannt.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The notes target %1, which class ID %2 does not identify (it identifies %3).</source>
        <translation>Die Release Notes nennen als Ziel %1, das Klassen-ID %2 nicht bezeichnet (sie bezeichnet %3).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Vendor %1 is %2; class %3 is %4.</source>
        <translation>Vendor %1 ist %2; Klasse %3 ist %4.</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>The stored manifest (digest %1) is not the one imported (%2).</source>
        <translation>Das gespeicherte Manifest (Digest: %1) ist nicht das importierte (%2).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none</source>
        <translation>keiner</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseDecisionBar</name>
    <message>
        <location filename="../views/releasedecisionbar.cpp" line="+21"/>
        <source>&amp;Approve…</source>
        <translation>Ge&amp;nehmigen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;ject…</source>
        <translation>Ab&amp;lehnen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Withdraw…</source>
        <translation>&amp;Zurückziehen…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Approval blockers</source>
        <translation>Hindernisse für die Genehmigung</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Only a verified release or one in testing can be approved.</source>
        <translation>Nur ein verifiziertes Release oder eines im Test kann genehmigt werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approval is blocked; the reasons are listed below the buttons.</source>
        <translation>Die Genehmigung ist blockiert; die Gründe stehen unter den Schaltflächen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approve: the stored bundle is verified again first.</source>
        <translation>Genehmigen: Das gespeicherte Bundle wird zuvor erneut verifiziert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Only a verified release or one in testing can be rejected.</source>
        <translation>Nur ein verifiziertes Release oder eines im Test kann abgelehnt werden.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Only an approved release can be withdrawn.</source>
        <translation>Nur ein genehmigtes Release kann zurückgezogen werden.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 To act, switch operator (File &gt; Switch Operator).</source>
        <translation>%1 Um zu handeln, wechseln Sie den Bediener (Datei &gt; Bediener wechseln).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Approval is not possible yet:</source>
        <translation>Eine Genehmigung ist noch nicht möglich:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Approve Release</source>
        <translation>Release genehmigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve %1 for rollout? The stored bundle is verified again with the keys trusted now; the approval is recorded under %2.</source>
        <translation>%1 für den Rollout genehmigen? Das gespeicherte Bundle wird mit den derzeit vertrauenswürdigen Schlüsseln erneut verifiziert; die Genehmigung wird unter %2 erfasst.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approve</source>
        <translation>Genehmigen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Recorded with the approval: %1</source>
        <translation>Mit der Genehmigung erfasst: %1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reject Release</source>
        <translation>Release ablehnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject %1? It cannot be approved afterwards; the Author has to publish a new release.</source>
        <translation>%1 ablehnen? Danach kann es nicht mehr genehmigt werden; der Autor muss ein neues Release veröffentlichen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reject</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Withdraw Release</source>
        <translation>Release zurückziehen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdraw the approval of %1? No new rollout can use it afterwards.</source>
        <translation>Die Genehmigung von %1 zurückziehen? Danach kann kein neuer Rollout es mehr verwenden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Withdraw</source>
        <translation>Zurückziehen</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseDetailPanel</name>
    <message>
        <location filename="../views/releasedetailpanel.cpp" line="+94"/>
        <source>Release history</source>
        <translation>Release-Verlauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+162"/>
        <source>Verification</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <location line="-161"/>
        <location line="+163"/>
        <source>Tests</source>
        <translation>Tests</translation>
    </message>
    <message>
        <location line="-162"/>
        <location line="+170"/>
        <source>Release Notes</source>
        <translation>Release Notes</translation>
    </message>
    <message>
        <location line="-169"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Select a release to see its verification checklist, test plan and history.</source>
        <translation>Wählen Sie ein Release aus, um Prüfliste, Testplan und Verlauf anzuzeigen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No firmware server is connected.</source>
        <translation>Kein Firmware-Server verbunden.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>%1 (vendor not registered)</source>
        <translation>%1 (Vendor nicht registriert)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 by %2</source>
        <comment>models by manufacturer</comment>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 release for %2 · claimed patch level %3 · sequence %4 · received %5</source>
        <translation>Release vom Typ %1 für %2 · angegebener Patch-Stand %3 · Sequenz %4 · eingegangen %5</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Verification (%1 %2 failed)</source>
        <translation>Prüfung (%1 %2 fehlgeschlagen)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tests (%1/%2)</source>
        <translation>Tests (%1/%2)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Release Notes (%1)</source>
        <translation>Release Notes (%1)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Test results are recorded while a release is verified or in testing.</source>
        <translation>Testergebnisse werden erfasst, solange ein Release verifiziert oder im Test ist.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Approved %1.</source>
        <translation>%1 genehmigt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rejected %1.</source>
        <translation>%1 abgelehnt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Withdrew %1.</source>
        <translation>%1 zurückgezogen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Recorded %1: %2.</source>
        <translation>Ergebnis für %1 erfasst: %2.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Waived %1.</source>
        <translation>%1 ausgenommen.</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseFleetStore</name>
    <message>
        <location filename="../services/firmware/releasefleetstore.cpp" line="+57"/>
        <source>store the targeted models</source>
        <translation>Speichern der Zielmodelle</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>create the test plan</source>
        <translation>Anlegen des Testplans</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>read the targeted models</source>
        <translation>Lesen der Zielmodelle</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>read the test plan</source>
        <translation>Lesen des Testplans</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>store the test result</source>
        <translation>Speichern des Testergebnisses</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Release %1 has no test case %2 for model %3.</source>
        <translation>Release %1 hat keinen Testfall %2 für Modell %3.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>read the hardware models</source>
        <translation>Lesen der Hardwaremodelle</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>read the approved releases</source>
        <translation>Lesen der genehmigten Releases</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>read the firmware versions</source>
        <translation>Lesen der Firmwareversionen</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>read the patch levels</source>
        <translation>Lesen der Patch-Stände</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseFormat</name>
    <message>
        <location filename="../models/releaseformat.cpp" line="+27"/>
        <source>Security</source>
        <translation>Sicherheit</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+15"/>
        <source>Maintenance</source>
        <translation>Wartung</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+15"/>
        <source>Feature</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Security fix</source>
        <translation>Sicherheitsfix</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bug fix</source>
        <translation>Fehlerbehebung</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Moderate</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Critical</source>
        <translation>Kritisch</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Bundle contents</source>
        <translation>Bundle-Inhalt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trusted key for the vendor</source>
        <translation>Vertrauenswürdiger Schlüssel für den Vendor</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SUIT envelope</source>
        <translation>SUIT-Envelope</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Authentication wrapper</source>
        <translation>Authentication Wrapper</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed</source>
        <translation>Signiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signature</source>
        <translation>Signatur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manifest digest</source>
        <translation>Manifest-Digest</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manifest</source>
        <translation>Manifest</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Severable members</source>
        <translation>Abtrennbare Elemente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vendor ID</source>
        <translation>Vendor-ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Components</source>
        <translation>Komponenten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Release notes digest</source>
        <translation>Release-Notes-Digest</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Release notes</source>
        <translation>Release Notes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Security-only (SSU-SEC-0010)</source>
        <translation>Nur Sicherheitsfixes (SSU-SEC-0010)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hardware models</source>
        <translation>Hardwaremodelle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Anti-rollback (sequence number)</source>
        <translation>Rollback-Schutz (Sequenznummer)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CVE cross-check with bulletins</source>
        <translation>CVE-Abgleich mit Bulletins</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Image %1</source>
        <translation>Image %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+14"/>
        <source>Passed</source>
        <translation>Bestanden</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+14"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Not run</source>
        <translation>Nicht ausgeführt</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Blocked</source>
        <translation>Blockiert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, waived</source>
        <translation>%1, ausgenommen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 %2</source>
        <comment>days, hours</comment>
        <translation>%1 %2</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location line="+2"/>
        <source>%Ln day(s)</source>
        <translation>
            <numerusform>%Ln Tag</numerusform>
            <numerusform>%Ln Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-2"/>
        <location line="+4"/>
        <source>%Ln hour(s)</source>
        <translation>
            <numerusform>%Ln Stunde</numerusform>
            <numerusform>%Ln Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln minute(s)</source>
        <translation>
            <numerusform>%Ln Minute</numerusform>
            <numerusform>%Ln Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>Overdue by %Ln day(s)</source>
        <translation>
            <numerusform>%Ln Tag überfällig</numerusform>
            <numerusform>%Ln Tage überfällig</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Due today</source>
        <translation>Heute fällig</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location line="+21"/>
        <source>%Ln day(s) left</source>
        <translation>
            <numerusform>noch %Ln Tag</numerusform>
            <numerusform>noch %Ln Tage</numerusform>
        </translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Decided in %1</source>
        <translation>Entscheidungsdauer: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not a security release: the 7-day test window (SSU-TES-0010) does not apply. Suggested decision by %1.</source>
        <translation>Kein Sicherheitsrelease: Das 7-Tage-Testfenster (SSU-TES-0010) gilt nicht. Empfohlene Entscheidung bis %1.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Overdue: testing of a security release is to finish within 7 days of receipt (SSU-TES-0010); the window ended %1.</source>
        <translation>Überfällig: Der Test eines Sicherheitsreleases ist innerhalb von 7 Tagen nach Eingang abzuschließen (SSU-TES-0010); das Fenster endete am %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Test window (SSU-TES-0010): decide by %1, %2.</source>
        <translation>Testfenster (SSU-TES-0010): Entscheidung bis %1, %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refused on import: it failed verification, so no test window runs for it.</source>
        <translation>Beim Import abgewiesen: Die Prüfung ist fehlgeschlagen, daher läuft kein Testfenster.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Decided %1 after receipt.</source>
        <translation>%1 nach Eingang entschieden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decided %1 after receipt, within the 7-day test window (SSU-TES-0010).</source>
        <translation>%1 nach Eingang entschieden, innerhalb des 7-Tage-Testfensters (SSU-TES-0010).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decided %1 after receipt, later than the 7-day test window (SSU-TES-0010).</source>
        <translation>%1 nach Eingang entschieden, nach Ablauf des 7-Tage-Testfensters (SSU-TES-0010).</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseHistoryModel</name>
    <message>
        <location filename="../models/releasehistorymodel.cpp" line="+44"/>
        <source>%1 → %2</source>
        <comment>from state -&gt; to state</comment>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseImportBar</name>
    <message>
        <location filename="../views/releaseimportbar.cpp" line="+23"/>
        <source>&amp;Import Release Bundle…</source>
        <translation>Release-Bundle &amp;importieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import &amp;Bulletin Data (OSV)</source>
        <translation>Bulletin-Daten importieren (&amp;OSV)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>From a &amp;Folder of OSV Records…</source>
        <translation>Aus einem &amp;Ordner mit OSV-Einträgen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From a &amp;ZIP or JSON File…</source>
        <translation>Aus einer &amp;ZIP- oder JSON-Datei…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Verify and store a NAME.pbrelease folder an Author published</source>
        <translation>Einen von einem Autor veröffentlichten Ordner NAME.pbrelease verifizieren und speichern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Android security bulletin records (OSV) for the CVE cross-check</source>
        <translation>Einträge aus Android-Sicherheitsbulletins (OSV) für den CVE-Abgleich</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Import Release Bundle (a NAME.pbrelease folder)</source>
        <translation>Release-Bundle importieren (ein Ordner NAME.pbrelease)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Copying and verifying %1…</source>
        <translation>%1 wird kopiert und verifiziert…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import Release Bundle</source>
        <translation>Release-Bundle importieren</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Import of %1 cancelled; nothing was stored.</source>
        <translation>Import von %1 abgebrochen; es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+43"/>
        <source>Import Failed</source>
        <translation>Import fehlgeschlagen</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>Imported %1: refused, see the failed checks.</source>
        <translation>%1 importiert: abgewiesen, siehe fehlgeschlagene Prüfungen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Imported %1: %2.</source>
        <translation>%1 importiert: %2.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Import Bulletin Data: Folder of OSV Records</source>
        <translation>Bulletin-Daten importieren: Ordner mit OSV-Einträgen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import Bulletin Data: OSV Export</source>
        <translation>Bulletin-Daten importieren: OSV-Export</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OSV data (*.zip *.json);;All files (*)</source>
        <translation>OSV-Daten (*.zip *.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reading bulletin records from %1…</source>
        <translation>Bulletin-Einträge werden aus %1 gelesen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import Bulletin Data</source>
        <translation>Bulletin-Daten importieren</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>Read %Ln bulletin record(s): </source>
        <translation>
            <numerusform>%Ln Bulletin-Eintrag gelesen: </numerusform>
            <numerusform>%Ln Bulletin-Einträge gelesen: </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln vulnerability level(s) stored, </source>
        <translation>
            <numerusform>%Ln Schwachstelle mit Patch-Stand gespeichert, </numerusform>
            <numerusform>%Ln Schwachstellen mit Patch-Stand gespeichert, </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln skipped (no CVE or no Android patch level).</source>
        <translation>
            <numerusform>%Ln übersprungen (keine CVE oder kein Android-Patch-Stand).</numerusform>
            <numerusform>%Ln übersprungen (keine CVE oder kein Android-Patch-Stand).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not readable: %1</source>
        <translation>Nicht lesbar: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bulletin Data Imported</source>
        <translation>Bulletin-Daten importiert</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseImporter</name>
    <message>
        <location filename="../services/firmware/releaseimporter.cpp" line="+32"/>
        <source>Cannot create %1.</source>
        <translation>%1 kann nicht erstellt werden.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot copy %1 into the release store.</source>
        <translation>%1 kann nicht in den Release-Speicher kopiert werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that the disk is not full.</source>
        <translation>Prüfen Sie, ob auf dem Datenträger noch Speicherplatz frei ist.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1 is not a release bundle: it has no %2.</source>
        <translation>%1 ist kein Release-Bundle: %2 fehlt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a NAME.pbrelease folder made by patchboard-author create.</source>
        <translation>Wählen Sie einen mit „patchboard-author create“ erstellten Ordner NAME.pbrelease.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>(unreadable notes)</source>
        <translation>(Release Notes nicht lesbar)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This release was already imported as release %1.</source>
        <translation>Dieses Release wurde bereits als Release %1 importiert.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Verified on import: signature, digests, hardware and sequence number check out.</source>
        <translation>Beim Import verifiziert: Signatur, Digests, Hardware und Sequenznummer sind in Ordnung.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused on import: %1</source>
        <translation>Beim Import abgewiesen: %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cannot move the bundle into the release store %1.</source>
        <translation>Das Bundle kann nicht in den Release-Speicher %1 verschoben werden.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>store the release</source>
        <translation>Speichern des Releases</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseListModel</name>
    <message>
        <location filename="../models/releaselistmodel.cpp" line="+18"/>
        <source>Unknown vendor %1</source>
        <translation>Unbekannter Vendor %1</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>Vendor ID %1</source>
        <translation>Vendor-ID %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sequence number %1</source>
        <translation>Sequenznummer %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>SSU-TES-0010: testing of a security release is to finish within 7 days of receipt.</source>
        <translation>SSU-TES-0010: Der Test eines Sicherheitsreleases ist innerhalb von 7 Tagen nach Eingang abzuschließen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manufacturer</source>
        <translation>Hersteller</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Patch level</source>
        <translation>Patch-Stand</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Received</source>
        <translation>Eingegangen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test window</source>
        <translation>Testfenster</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseNotes</name>
    <message>
        <location filename="../services/domain/releasenotes.cpp" line="+26"/>
        <source>Release notes: %1: %2</source>
        <translation>Release Notes: %1: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask the Author for notes that follow docs/release-notes.schema.json.</source>
        <translation>Fordern Sie beim Autor Release Notes an, die docs/release-notes.schema.json entsprechen.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>line %1, column %2</source>
        <translation>Zeile %1, Spalte %2</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+19"/>
        <source>is missing.</source>
        <translation>fehlt.</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>must be a string.</source>
        <translation>muss eine Zeichenkette sein.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>must not be empty.</source>
        <translation>darf nicht leer sein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>is longer than %1 characters.</source>
        <translation>ist länger als %1 Zeichen.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>must be an array.</source>
        <translation>muss ein Array sein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>has more than %1 entries.</source>
        <translation>hat mehr als %1 Einträge.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>is not a known member.</source>
        <translation>ist kein bekanntes Feld.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>must be an object.</source>
        <translation>muss ein Objekt sein.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&quot;%1&quot; is not one of security, bugfix, maintenance, feature.</source>
        <translation>„%1“ ist keiner der Werte security, bugfix, maintenance, feature.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 is not a CVE ID (CVE-YYYY-NNNN).</source>
        <translation>%1 ist keine CVE-ID (CVE-YYYY-NNNN).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the value</source>
        <translation>der Wert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is listed twice.</source>
        <translation>%1 ist doppelt aufgeführt.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&quot;%1&quot; is not one of critical, high, moderate, low, none.</source>
        <translation>„%1“ ist keiner der Werte critical, high, moderate, low, none.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>a security change needs a severity (critical, high, moderate, low).</source>
        <translation>eine Sicherheitsänderung braucht einen Schweregrad (critical, high, moderate, low).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>is %1 bytes; at most %2 are accepted.</source>
        <translation>hat %1 Byte; höchstens %2 sind zulässig.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>is not valid JSON (%1 at %2).</source>
        <translation>ist kein gültiges JSON (%1 bei %2).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>must be a JSON object.</source>
        <translation>muss ein JSON-Objekt sein.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>must be the number %1 (the notes format this Patchboard reads).</source>
        <translation>muss die Zahl %1 sein (das Release-Notes-Format, das diese Patchboard-Version liest).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&quot;%1&quot; may only hold letters, digits and . _ + -.</source>
        <translation>„%1“ darf nur Buchstaben, Ziffern und . _ + - enthalten.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&quot;%1&quot; is not one of security, maintenance, feature.</source>
        <translation>„%1“ ist keiner der Werte security, maintenance, feature.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&quot;%1&quot; is not a date YYYY-MM-DD.</source>
        <translation>„%1“ ist kein Datum im Format JJJJ-MM-TT.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>must name at least one model.</source>
        <translation>muss mindestens ein Modell nennen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>must be a hardware model name.</source>
        <translation>muss ein Hardwaremodellname sein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; is listed twice.</source>
        <translation>„%1“ ist doppelt aufgeführt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>must list at least one change.</source>
        <translation>muss mindestens eine Änderung enthalten.</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseNotesView</name>
    <message>
        <location filename="../views/releasenotesview.cpp" line="+35"/>
        <source>Changes</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>End-user notice (preview)</source>
        <translation>Hinweis für Endnutzer (Vorschau)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The release notes could not be read; see the verification checklist.</source>
        <translation>Die Release Notes konnten nicht gelesen werden; siehe Prüfliste.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1 release %2, claimed security patch level %3, for %4. %Ln CVE(s) listed.</source>
        <translation>
            <numerusform>Release %2 vom Typ %1, angegebener Sicherheitspatch-Stand %3, für %4. %Ln CVE aufgeführt.</numerusform>
            <numerusform>Release %2 vom Typ %1, angegebener Sicherheitspatch-Stand %3, für %4. %Ln CVEs aufgeführt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Security update</source>
        <translation>Sicherheitsupdate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Software update</source>
        <translation>Softwareupdate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(no notice)</source>
        <translation>(kein Hinweis)</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseRules</name>
    <message>
        <location filename="../services/domain/releaserules.cpp" line="+27"/>
        <source>change %1 (%2, %3)</source>
        <translation>Änderung %1 (%2, %3)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not claimed: this is a %1 release.</source>
        <translation>Nicht beansprucht: Dies ist ein Release vom Typ %1.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 is not a security fix</source>
        <translation>%1 ist kein Sicherheitsfix</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 names no CVE</source>
        <translation>%1 nennt keine CVE</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>All %1 change(s) are security fixes with CVE IDs (SSU-SEC-0010).</source>
        <translation>Alle %1 Änderung(en) sind Sicherheitsfixes mit CVE-IDs (SSU-SEC-0010).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot be approved as security-only (SSU-SEC-0010): %1.</source>
        <translation>Kann nicht als reines Sicherheitsrelease genehmigt werden (SSU-SEC-0010): %1.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Sequence number %1 is not above %2, the highest already approved for this device class: a rollback (SESIP 5.5.6).</source>
        <translation>Sequenznummer %1 ist nicht größer als %2, die höchste bereits genehmigte für diese Geräteklasse: ein Rollback (SESIP 5.5.6).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sequence number %1 is not above %2, the newest firmware the fleet already runs for this model: a rollback (SESIP 5.5.6).</source>
        <translation>Sequenznummer %1 ist nicht größer als %2, die neueste Firmware, die in der Flotte für dieses Modell bereits läuft: ein Rollback (SESIP 5.5.6).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>approved %1</source>
        <translation>genehmigt %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>installed %1</source>
        <translation>installiert %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sequence number %1; nothing approved or installed yet for this device class.</source>
        <translation>Sequenznummer %1; für diese Geräteklasse ist noch nichts genehmigt oder installiert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sequence number %1 is above %2.</source>
        <translation>Sequenznummer %1 ist höher als die bisherigen (%2).</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Not cross-checked: no Android security bulletin data (OSV) was imported.</source>
        <translation>Nicht abgeglichen: Es wurden keine Daten aus Android-Sicherheitsbulletins (OSV) importiert.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 to %2</source>
        <translation>%1 bis %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every bulletin CVE fixed from %1 is in the notes.</source>
        <translation>Alle im Zeitraum %1 behobenen Bulletin-CVEs sind in den Release Notes aufgeführt.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The claimed patch level %1 implies fixes the notes do not list (bulletins %2): %3.</source>
        <translation>Der angegebene Patch-Stand %1 setzt Fixes voraus, die in den Release Notes fehlen (Bulletins %2): %3.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>A release that is %1 cannot be approved.</source>
        <translation>Ein Release im Status „%1“ kann nicht genehmigt werden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The release has not been verified.</source>
        <translation>Das Release wurde nicht verifiziert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check %1 failed: %2</source>
        <translation>Prüfung %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The release has no test plan.</source>
        <translation>Das Release hat keinen Testplan.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test case not passed or waived: %1</source>
        <translation>Testfall weder bestanden noch ausgenommen: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Four-eyes rule: %1 recorded test results for this release and cannot also approve it.</source>
        <translation>Vier-Augen-Prinzip: %1 hat Testergebnisse für dieses Release erfasst und darf es daher nicht auch genehmigen.</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseSettingsDialog</name>
    <message>
        <location filename="../views/releasesettingsdialog.cpp" line="+40"/>
        <source>Release Policy</source>
        <translation>Release-Richtlinie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Firmware Server applies these rules to every approval. Changes are recorded in the audit log.</source>
        <translation>Der Firmware-Server wendet diese Regeln auf jede Genehmigung an. Änderungen werden im Audit-Protokoll festgehalten.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Four-eyes rule</source>
        <translation>&amp;Vier-Augen-Prinzip</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The approver must not have recorded any test result or waiver of the release.</source>
        <translation>Wer genehmigt, darf kein Testergebnis und keine Ausnahme dieses Releases erfasst haben.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loading the release policy…</source>
        <translation>Release-Richtlinie wird geladen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Four-eyes rule state</source>
        <translation>Status des Vier-Augen-Prinzips</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Switched off, one engineer can record every test of a release and approve it alone. Every case must still pass or be waived.</source>
        <translation>Ausgeschaltet kann eine einzige Person alle Tests eines Releases erfassen und es allein genehmigen. Jeder Testfall muss weiterhin bestanden oder ausgenommen sein.</translation>
    </message>
    <message>
        <location line="+71"/>
        <location line="+26"/>
        <source>No firmware server is connected.</source>
        <translation>Kein Firmware-Server verbunden.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Four-eyes rule switched on: approvers must not have tested the release.</source>
        <translation>Vier-Augen-Prinzip eingeschaltet: Wer genehmigt, darf das Release nicht getestet haben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Four-eyes rule switched off: whoever tested a release may also approve it.</source>
        <translation>Vier-Augen-Prinzip ausgeschaltet: Wer ein Release getestet hat, darf es auch genehmigen.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Currently on.</source>
        <translation>Derzeit eingeschaltet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Currently off: the engineer who recorded the tests may also approve the release.</source>
        <translation>Derzeit ausgeschaltet: Wer die Tests erfasst hat, darf das Release auch genehmigen.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The release policy is still loading.</source>
        <translation>Die Release-Richtlinie wird noch geladen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing to apply: change the setting first.</source>
        <translation>Nichts zu übernehmen: Ändern Sie zuerst die Einstellung.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store the setting (recorded in the audit log).</source>
        <translation>Einstellung speichern (wird im Audit-Protokoll festgehalten).</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseState</name>
    <message>
        <location filename="../services/domain/releasestate.cpp" line="+89"/>
        <source>Received</source>
        <translation>Eingegangen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Verified</source>
        <translation>Verifiziert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refused</source>
        <translation>Abgewiesen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In testing</source>
        <translation>Im Test</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approved</source>
        <translation>Genehmigt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Withdrawn</source>
        <translation>Zurückgezogen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>received</source>
        <comment>within a sentence</comment>
        <translation>eingegangen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>verified</source>
        <comment>within a sentence</comment>
        <translation>verifiziert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>refused</source>
        <comment>within a sentence</comment>
        <translation>abgewiesen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>in testing</source>
        <comment>within a sentence</comment>
        <translation>im Test</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>approved</source>
        <comment>within a sentence</comment>
        <translation>genehmigt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rejected</source>
        <comment>within a sentence</comment>
        <translation>abgelehnt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>withdrawn</source>
        <comment>within a sentence</comment>
        <translation>zurückgezogen</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseStore</name>
    <message>
        <location filename="../services/firmware/releasestore.cpp" line="+74"/>
        <location line="+11"/>
        <source>store the release</source>
        <translation>Speichern des Releases</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>read the release</source>
        <translation>Lesen des Releases</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>There is no release %1.</source>
        <translation>Es gibt kein Release %1.</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+16"/>
        <source>read the releases</source>
        <translation>Lesen der Releases</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>change the release state</source>
        <translation>Ändern des Release-Status</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>record the transition</source>
        <translation>Erfassen des Statusübergangs</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>read the release history</source>
        <translation>Lesen des Release-Verlaufs</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+10"/>
        <source>store the checklist</source>
        <translation>Speichern der Checkliste</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>read the checklist</source>
        <translation>Lesen der Checkliste</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+10"/>
        <source>store the images</source>
        <translation>Speichern der Images</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>read the images</source>
        <translation>Lesen der Images</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>read the settings</source>
        <translation>Lesen der Einstellungen</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>store the settings</source>
        <translation>Speichern der Einstellungen</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseVerificationView</name>
    <message>
        <location filename="../views/releaseverificationview.cpp" line="+95"/>
        <source>Verification checklist</source>
        <translation>Prüfliste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missing CVEs</source>
        <translation>Fehlende CVEs</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Signer key (SHA-256):</source>
        <translation>Signaturschlüssel (SHA-256):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Algorithm:</source>
        <translation>Algorithmus:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manifest digest:</source>
        <translation>Manifest-Digest:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vendor / class ID:</source>
        <translation>Vendor-/Klassen-ID:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images:</source>
        <translation>Images:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Signature and digests</source>
        <translation>Signatur und Digests</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Security-only claim (SSU-SEC-0010)</source>
        <translation>Angabe „nur Sicherheitsfixes“ (SSU-SEC-0010)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bulletin CVEs missing from the notes</source>
        <translation>In den Release Notes fehlende Bulletin-CVEs</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Not verified yet.</source>
        <translation>Noch nicht verifiziert.</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%Ln blocking check(s) failed: %1</source>
        <translation>
            <numerusform>%Ln blockierende Prüfung fehlgeschlagen: %1</numerusform>
            <numerusform>%Ln blockierende Prüfungen fehlgeschlagen: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>No check that blocks approval failed; %Ln warning(s) to read.</source>
        <translation>
            <numerusform>Keine Prüfung, die die Genehmigung blockiert, ist fehlgeschlagen; %Ln Warnung zu beachten.</numerusform>
            <numerusform>Keine Prüfung, die die Genehmigung blockiert, ist fehlgeschlagen; %Ln Warnungen zu beachten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>All %Ln check(s) passed.</source>
        <translation>
            <numerusform>%Ln Prüfung bestanden.</numerusform>
            <numerusform>Alle %Ln Prüfungen bestanden.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>not recorded (no trusted signature)</source>
        <translation>nicht erfasst (keine vertrauenswürdige Signatur)</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+1"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1
%2</source>
        <comment>vendor id, class id</comment>
        <translation>%1
%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (%2 bytes)</source>
        <translation>%1 (%2 Byte)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none recorded</source>
        <translation>keine erfasst</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not claimed: this is a %1 release.</source>
        <translation>Nicht beansprucht: Dies ist ein Release vom Typ %1.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Every change is a security fix with a CVE.</source>
        <translation>Jede Änderung ist ein Sicherheitsfix mit CVE.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%Ln change(s) breaking the claim:</source>
        <translation>
            <numerusform>%Ln Änderung verstößt gegen die Angabe:</numerusform>
            <numerusform>%Ln Änderungen verstoßen gegen die Angabe:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>None: the notes list every CVE the imported bulletins fix up to the claimed patch level.</source>
        <translation>Keine: Die Release Notes führen jede CVE auf, die laut den importierten Bulletins bis zum angegebenen Patch-Stand behoben ist.</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseVerifier</name>
    <message>
        <location filename="../services/firmware/releaseverifier.cpp" line="+160"/>
        <source>The manifest names no vendor ID, so no Author key applies.</source>
        <translation>Das Manifest nennt keine Vendor-ID, daher gilt kein Autorenschlüssel.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No Author key is registered for vendor %1.</source>
        <translation>Für Vendor %1 ist kein Autorenschlüssel registriert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 Author key(s) trusted for vendor %2.</source>
        <translation>%1 Autorenschlüssel für Vendor %2 vertrauenswürdig.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1, %2 and %3 image(s).</source>
        <translation>%1, %2 und %3 Image(s).</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>notes.json cannot be read.</source>
        <translation>notes.json kann nicht gelesen werden.</translation>
    </message>
    <message>
        <location line="-85"/>
        <location line="+94"/>
        <source>%1 bytes, SHA-256 %2 as signed.</source>
        <translation>%1 Byte, SHA-256 %2 wie signiert.</translation>
    </message>
    <message>
        <location line="-164"/>
        <source>component %1 is not a bundle file</source>
        <translation>Komponente %1 ist keine Bundle-Datei</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is listed twice</source>
        <translation>%1 ist doppelt aufgeführt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 does not have exactly one SHA-256 digest and size</source>
        <translation>%1 hat nicht genau einen SHA-256-Digest und eine Größe</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the manifest does not cover %1</source>
        <translation>das Manifest deckt %1 nicht ab</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1/%2 is not in the manifest, so no signature covers it</source>
        <translation>%1/%2 fehlt im Manifest und ist daher durch keine Signatur abgedeckt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the components do not all name one vendor ID and one class ID</source>
        <translation>die Komponenten nennen nicht alle dieselbe Vendor-ID und Klassen-ID</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 component(s), each a bundle file with its SHA-256 and size; vendor %2, class %3.</source>
        <translation>%1 Komponente(n), jeweils eine Bundle-Datei mit SHA-256 und Größe; Vendor %2, Klasse %3.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The file is %1 bytes; the signed manifest says %2.</source>
        <translation>Die Datei hat %1 Byte; laut signiertem Manifest sind es %2.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>SHA-256 is %1; the signed manifest says %2: the file was changed.</source>
        <translation>SHA-256 ist %1, laut signiertem Manifest %2: Die Datei wurde verändert.</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>notes.json is %1 bytes with SHA-256 %2; the signed manifest says %3 bytes, %4: the notes were changed.</source>
        <translation>notes.json hat %1 Byte mit SHA-256 %2, laut signiertem Manifest %3 Byte, %4: Die Release Notes wurden verändert.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Version %1, %2 release, security patch level %3, %4 change(s).</source>
        <translation>Version %1, Release-Typ %2, Sicherheitspatch-Stand %3, %4 Änderung(en).</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The image is missing from the bundle.</source>
        <translation>Das Image fehlt im Bundle.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseWorkflow</name>
    <message>
        <location filename="../services/firmware/releaseworkflow.cpp" line="+39"/>
        <source>Say why you %1: the reason is recorded with the decision.</source>
        <translation>Geben Sie an, warum Sie %1: Der Grund wird mit der Entscheidung gespeichert.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Release %1 is %2 and cannot become %3.</source>
        <translation>Release %1 hat den Status „%2“ und kann nicht zu „%3“ wechseln.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>change the release state</source>
        <translation>Ändern des Release-Status</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Release %1 is %2: its test results can no longer change.</source>
        <translation>Release %1 hat den Status „%2“: Die Testergebnisse können nicht mehr geändert werden.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Release %1 does not target hardware model %2.</source>
        <translation>Release %1 ist nicht für Hardwaremodell %2 bestimmt.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Testing started: first result recorded.</source>
        <translation>Test begonnen: erstes Ergebnis erfasst.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>A test result is passed, failed or blocked.</source>
        <translation>Ein Testergebnis ist „bestanden“, „fehlgeschlagen“ oder „blockiert“.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Describe what failed or what blocks the test in the note.</source>
        <translation>Beschreiben Sie in der Notiz, was fehlgeschlagen ist oder was den Test blockiert.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>waive this test case</source>
        <translation>diesen Testfall ausnehmen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The case passed; there is nothing to waive.</source>
        <translation>Der Testfall ist bestanden; es gibt nichts auszunehmen.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Release %1 is %2 and cannot be approved.</source>
        <translation>Release %1 hat den Status „%2“ und kann nicht genehmigt werden.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Release %1 cannot be approved: %2</source>
        <translation>Release %1 kann nicht genehmigt werden: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resolve the items listed, or reject the release.</source>
        <translation>Beheben Sie die aufgeführten Punkte, oder lehnen Sie das Release ab.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Every check passed and every test case passed or was waived.</source>
        <translation>Alle Prüfungen bestanden; alle Testfälle bestanden oder ausgenommen.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>reject the release</source>
        <translation>das Release ablehnen</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>withdraw the release</source>
        <translation>das Release zurückziehen</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleasesPage</name>
    <message>
        <location filename="../views/releasespage.cpp" line="+43"/>
        <source>&amp;Trust Store…</source>
        <translation>&amp;Vertrauensspeicher…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Release &amp;Policy…</source>
        <translation>Release-&amp;Richtlinie…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The Author keys trusted per vendor (administrators change them)</source>
        <translation>Die je Vendor vertrauenswürdigen Autorenschlüssel (Administratoren ändern sie)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The rules every approval follows, such as the four-eyes rule (administrators change them)</source>
        <translation>Die Regeln, denen jede Genehmigung folgt, etwa das Vier-Augen-Prinzip (von Administratoren geändert)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show releases</source>
        <translation>Releases anzeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All releases</source>
        <translation>Alle Releases</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Awaiting decision</source>
        <translation>Entscheidung ausstehend</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue (past the 7-day window)</source>
        <translation>Überfällig (7-Tage-Fenster überschritten)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Show:</source>
        <translation>&amp;Anzeigen:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loading releases…</source>
        <translation>Releases werden geladen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Four-eyes rule</source>
        <translation>Vier-Augen-Prinzip</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Releases</source>
        <translation>Releases</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>No firmware server is connected.</source>
        <translation>Kein Firmware-Server verbunden.</translation>
    </message>
    <message numerus="yes">
        <location line="+85"/>
        <source>%Ln release(s)</source>
        <translation>
            <numerusform>%Ln Release</numerusform>
            <numerusform>%Ln Releases</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1 of %Ln release(s)</source>
        <translation>
            <numerusform>%1 von %Ln Release</numerusform>
            <numerusform>%1 von %Ln Releases</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>, %Ln awaiting a decision</source>
        <translation>
            <numerusform>, %Ln wartet auf Entscheidung</numerusform>
            <numerusform>, %Ln warten auf Entscheidung</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln overdue</source>
        <translation>
            <numerusform>%Ln überfällig</numerusform>
            <numerusform>%Ln überfällig</numerusform>
        </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Four-eyes rule: unknown</source>
        <translation>Vier-Augen-Prinzip: unbekannt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Four-eyes rule: on</source>
        <translation>Vier-Augen-Prinzip: ein</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The approver must not have recorded any test result or waiver of the release.</source>
        <translation>Wer genehmigt, darf kein Testergebnis und keine Ausnahme dieses Releases erfasst haben.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Four-eyes rule: off</source>
        <translation>Vier-Augen-Prinzip: aus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whoever recorded the tests of a release may also approve it.</source>
        <translation>Wer die Tests eines Releases erfasst hat, darf es auch genehmigen.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Releases could not be loaded.</source>
        <translation>Die Releases konnten nicht geladen werden.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Maintenance</source>
        <translation>Wartung</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Overdue by %Ln day(s)</source>
        <translation>
            <numerusform>%Ln Tag überfällig</numerusform>
            <numerusform>%Ln Tage überfällig</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Patchboard::RemoteAuditBackend</name>
    <message>
        <location filename="../services/audit/remoteauditbackend.cpp" line="+67"/>
        <source>The request was cancelled.</source>
        <translation>Die Anfrage wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>Patchboard::RemoteFirmwareBackend</name>
    <message>
        <location filename="../services/firmware/remotefirmwarebackend.cpp" line="+54"/>
        <source>The console is not connected to a server.</source>
        <translation>Die Konsole ist mit keinem Server verbunden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect to patchboard-server again.</source>
        <translation>Verbinden Sie sich erneut mit patchboard-server.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot read %1: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that the file exists and that you may read it.</source>
        <translation>Prüfen Sie, ob die Datei existiert und Sie sie lesen dürfen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 cannot be sent to the server: %2</source>
        <translation>%1 kann nicht an den Server gesendet werden: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a NAME.pbrelease folder made by patchboard-author create, as it was made.</source>
        <translation>Wählen Sie einen mit „patchboard-author create“ erstellten Ordner NAME.pbrelease, unverändert so, wie er erstellt wurde.</translation>
    </message>
    <message>
        <location line="+212"/>
        <source>%1 is not a release bundle: it has no %2.</source>
        <translation>%1 ist kein Release-Bundle: %2 fehlt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a NAME.pbrelease folder made by patchboard-author create.</source>
        <translation>Wählen Sie einen mit „patchboard-author create“ erstellten Ordner NAME.pbrelease.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>it is a symbolic link.</source>
        <translation>es ist ein symbolischer Link.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>a release bundle holds no such folder.</source>
        <translation>ein Release-Bundle enthält keinen solchen Ordner.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>an image must be a plain file.</source>
        <translation>ein Image muss eine normale Datei sein.</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>%1 holds no .json files.</source>
        <translation>%1 enthält keine .json-Dateien.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the folder or .zip of the Android bulletin&apos;s OSV records.</source>
        <translation>Wählen Sie den Ordner oder die .zip-Datei mit den OSV-Einträgen des Android-Bulletins.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 does not exist.</source>
        <translation>%1 existiert nicht.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a folder of OSV .json records, one .json file or the .zip export.</source>
        <translation>Wählen Sie einen Ordner mit OSV-.json-Einträgen, eine einzelne .json-Datei oder den .zip-Export.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The upload was cancelled.</source>
        <translation>Der Upload wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>Patchboard::RemoteTelemetryBackend</name>
    <message>
        <location filename="../services/telemetry/remotetelemetrybackend.cpp" line="+82"/>
        <source>The export was cancelled.</source>
        <translation>Der Export wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cannot write %1: %2.</source>
        <translation>%1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a folder you can write to.</source>
        <translation>Wählen Sie einen Ordner, in den Sie schreiben dürfen.</translation>
    </message>
</context>
<context>
    <name>Patchboard::RemoteTrackerBackend</name>
    <message>
        <location filename="../services/tracker/remotetrackerbackend.cpp" line="+49"/>
        <source>Server: %1</source>
        <translation>Server: %1</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>The request was cancelled.</source>
        <translation>Die Anfrage wurde abgebrochen.</translation>
    </message>
</context>
<context>
    <name>Patchboard::Rollout</name>
    <message>
        <location filename="../services/domain/rollout.cpp" line="+176"/>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Halted</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Pending</source>
        <comment>wave state</comment>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Running</source>
        <comment>wave state</comment>
        <translation>Läuft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Succeeded</source>
        <comment>wave state</comment>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Halted</source>
        <comment>wave state</comment>
        <translation>Angehalten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled</source>
        <comment>wave state</comment>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Pending</source>
        <comment>device in a rollout</comment>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offered</source>
        <translation>Angeboten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Downloading</source>
        <translation>Wird heruntergeladen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Verifying</source>
        <translation>Wird geprüft</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Installing</source>
        <translation>Wird installiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rebooting</source>
        <translation>Neustart</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Postponed</source>
        <translation>Verschoben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Succeeded</source>
        <comment>device in a rollout</comment>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rolled back</source>
        <translation>Zurückgerollt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled</source>
        <comment>device in a rollout</comment>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expired</source>
        <translation>Abgelaufen</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutControlBar</name>
    <message>
        <location filename="../views/rolloutcontrolbar.cpp" line="+18"/>
        <source>&amp;Schedule</source>
        <translation>&amp;Planen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Pause…</source>
        <translation>P&amp;ausieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Resume…</source>
        <translation>&amp;Fortsetzen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ca&amp;ncel Rollout…</source>
        <translation>Rollout a&amp;bbrechen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;ontinue to Next Wave</source>
        <translation>&amp;Weiter zur nächsten Welle</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Schedule</source>
        <translation>Planen</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+130"/>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <location line="-129"/>
        <location line="+148"/>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location line="-147"/>
        <source>Cancel rollout</source>
        <translation>Rollout abbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue to next wave</source>
        <translation>Weiter zur nächsten Welle</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>An action on this rollout is on its way.</source>
        <translation>Eine Aktion für diesen Rollout ist bereits unterwegs.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Only a draft rollout can be scheduled.</source>
        <translation>Nur ein Rollout im Entwurf kann geplant werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Schedule the rollout: it starts at its planned time, or now if it has none.</source>
        <translation>Rollout planen: Er startet zur geplanten Zeit oder sofort, wenn keine festgelegt ist.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only a running or scheduled rollout can be paused.</source>
        <translation>Nur ein laufender oder geplanter Rollout kann pausiert werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop offering the update; devices already updating finish (asks for a reason).</source>
        <translation>Das Update nicht mehr anbieten; Geräte, die bereits aktualisieren, schließen das Update ab (fragt nach einem Grund).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only a paused or halted rollout can be resumed.</source>
        <translation>Nur ein pausierter oder angehaltener Rollout kann fortgesetzt werden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resume after the halt; failures are counted again from now, and the error threshold may be raised (asks for a reason).</source>
        <translation>Nach dem Anhalten fortsetzen; Fehler werden ab jetzt neu gezählt, und die Fehlerschwelle kann erhöht werden (fragt nach einem Grund).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offer the update again (asks for a reason).</source>
        <translation>Das Update wieder anbieten (fragt nach einem Grund).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A completed or cancelled rollout cannot be cancelled.</source>
        <translation>Ein abgeschlossener oder abgebrochener Rollout kann nicht abgebrochen werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel the rollout: devices not offered yet never will be (asks for a reason).</source>
        <translation>Rollout abbrechen: Geräte, denen das Update noch nicht angeboten wurde, erhalten es nie (fragt nach einem Grund).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No wave waits for its gate. This opens the gate of a wave that has soaked and waits for an operator.</source>
        <translation>Keine Welle wartet auf ihre Freigabe. Hiermit wird die Freigabe nach einer Welle erteilt, deren Beobachtungszeit abgelaufen ist und die auf einen Bediener wartet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The rollout is not running; resume it first.</source>
        <translation>Der Rollout läuft nicht; setzen Sie ihn zuerst fort.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the gate after wave %1: wave %2 starts.</source>
        <translation>Freigabe nach Welle %1 erteilen: Welle %2 startet.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 To act, switch operator (File &gt; Switch Operator).</source>
        <translation>%1 Um zu handeln, wechseln Sie den Bediener (Datei &gt; Bediener wechseln).</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Pause Rollout</source>
        <translation>Rollout pausieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause %1? No device gets a new offer until it is resumed; devices already updating finish.</source>
        <translation>%1 pausieren? Kein Gerät erhält ein neues Angebot, bis der Rollout fortgesetzt wird; Geräte, die bereits aktualisieren, schließen das Update ab.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Resume Rollout</source>
        <translation>Rollout fortsetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume %1 after its halt? Say what was done about the cause. The error threshold counts failures from now on.</source>
        <translation>%1 nach dem Anhalten fortsetzen? Geben Sie an, was gegen die Ursache unternommen wurde. Die Fehlerschwelle zählt Fehler ab jetzt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resume %1? Devices get offers again.</source>
        <translation>%1 fortsetzen? Geräte erhalten wieder Angebote.</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+3"/>
        <source>Cancel Rollout</source>
        <translation>Rollout abbrechen</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Cancel %1? Devices not offered yet will never be; it cannot be resumed afterwards.</source>
        <translation>%1 abbrechen? Geräte, denen das Update noch nicht angeboten wurde, erhalten es nie; der Rollout kann danach nicht fortgesetzt werden.</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutDetailPanel</name>
    <message>
        <location filename="../views/rolloutdetailpanel.cpp" line="+109"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rollout history</source>
        <translation>Rollout-Verlauf</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Rollout state</source>
        <translation>Rollout-Status</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Halt reason</source>
        <translation>Grund für das Anhalten</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Gate</source>
        <translation>Freigabe</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Targeted devices by model and wave</source>
        <translation>Zielgeräte nach Modell und Welle</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Targets</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Select a rollout to see its waves, plan and history.</source>
        <translation>Wählen Sie einen Rollout aus, um seine Wellen, seinen Plan und seinen Verlauf anzuzeigen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No rollout service is connected.</source>
        <translation>Kein Rollout-Dienst verbunden.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>%1, wave %2 of %3</source>
        <translation>%1, Welle %2 von %3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Release %1</source>
        <translation>Release %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln targeted device(s)</source>
        <translation>
            <numerusform>%Ln Zielgerät</numerusform>
            <numerusform>%Ln Zielgeräte</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>created by %1, %2</source>
        <translation>erstellt von %1, %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>started %1</source>
        <translation>gestartet %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>starts %1</source>
        <translation>startet %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>finished %1</source>
        <translation>beendet %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>deadline %1</source>
        <translation>Frist %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No reason was recorded.</source>
        <translation>Es wurde kein Grund erfasst.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wave %1 halted: %2</source>
        <translation>Welle %1 angehalten: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Halted: %1</source>
        <translation>Angehalten: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Wave %1 has soaked and waits for an operator: Continue to Next Wave starts wave %2.</source>
        <translation>Die Beobachtungszeit von Welle %1 ist abgelaufen, und sie wartet auf einen Bediener: „Weiter zur nächsten Welle“ startet Welle %2.</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%Ln device(s) targeted. Left out: %1 already current, %2 rooted, %3 ported, %4 past their support end, %5 in another rollout, %6 outside the filter.</source>
        <translation>
            <numerusform>%Ln Zielgerät. Ausgenommen: %1 bereits aktuell, %2 gerootet, %3 portiert, %4 nach Supportende, %5 in einem anderen Rollout, %6 außerhalb des Filters.</numerusform>
            <numerusform>%Ln Zielgeräte. Ausgenommen: %1 bereits aktuell, %2 gerootet, %3 portiert, %4 nach Supportende, %5 in einem anderen Rollout, %6 außerhalb des Filters.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>History (%1)</source>
        <translation>Verlauf (%1)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 → %2</source>
        <comment>state from, state to</comment>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rollout engine</source>
        <translation>Rollout-Engine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2)</source>
        <comment>operator name, role</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Scheduled %1.</source>
        <translation>%1 geplant.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Paused %1.</source>
        <translation>%1 pausiert.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Resumed %1.</source>
        <translation>%1 fortgesetzt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelled %1.</source>
        <translation>%1 abgebrochen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Opened the gate of %1.</source>
        <translation>Freigabe für %1 erteilt.</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutEngine</name>
    <message>
        <location filename="../services/rollout/rolloutengine.cpp" line="+44"/>
        <source>advance the rollout</source>
        <translation>Fortschreiben des Rollouts</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutFormat</name>
    <message>
        <location filename="../models/rolloutformat.cpp" line="+85"/>
        <source>Waiting for the gate</source>
        <translation>Wartet auf Freigabe</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1, soaking until %2</source>
        <translation>%1, Beobachtung bis %2</translation>
    </message>
    <message numerus="yes">
        <location line="+31"/>
        <source>%Ln device(s)</source>
        <translation>
            <numerusform>%Ln Gerät</numerusform>
            <numerusform>%Ln Geräte</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The rest</source>
        <translation>Der Rest</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Wave %1</source>
        <translation>Welle %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wave %1 · %2</source>
        <comment>wave number, size</comment>
        <translation>Welle %1 · %2</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>≥ %1 succeed; halt above %2 failed (from %Ln result(s))</source>
        <translation>
            <numerusform>≥ %1 erfolgreich; Anhalten über %2 fehlgeschlagen (ab %Ln Ergebnis)</numerusform>
            <numerusform>≥ %1 erfolgreich; Anhalten über %2 fehlgeschlagen (ab %Ln Ergebnissen)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln hour(s)</source>
        <translation>
            <numerusform>%Ln Stunde</numerusform>
            <numerusform>%Ln Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln minute(s)</source>
        <translation>
            <numerusform>%Ln Minute</numerusform>
            <numerusform>%Ln Minuten</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Any time</source>
        <translation>Jederzeit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1–%2 device-local time</source>
        <comment>maintenance window start, end</comment>
        <translation>%1–%2 Ortszeit des Geräts</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 %2: %3</source>
        <comment>mark, label, count</comment>
        <translation>%1 %2: %3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %2: %3 (%4)</source>
        <comment>mark, label, count, share</comment>
        <translation>%1 %2: %3 (%4)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>, %Ln rolled back</source>
        <translation>
            <numerusform>, %Ln zurückgerollt</numerusform>
            <numerusform>, %Ln zurückgerollt</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In progress</source>
        <translation>In Bearbeitung</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>, %Ln postponed</source>
        <translation>
            <numerusform>, %Ln verschoben</numerusform>
            <numerusform>, %Ln verschoben</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled or expired</source>
        <translation>Abgebrochen oder abgelaufen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total: %1</source>
        <translation>Gesamt: %1</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutJson</name>
    <message>
        <location filename="../services/rollout/rolloutjson.cpp" line="+74"/>
        <source>The rollout plan is malformed: %1.</source>
        <translation>Der Rollout-Plan ist fehlerhaft: %1.</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutListModel</name>
    <message>
        <location filename="../models/rolloutlistmodel.cpp" line="+32"/>
        <source>%1, wave %2 of %3</source>
        <comment>state, wave number, wave count</comment>
        <translation>%1, Welle %2 von %3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Starts %1</source>
        <translation>Startet %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduled to start %1</source>
        <translation>Geplanter Start %1</translation>
    </message>
    <message>
        <location line="+239"/>
        <source>Created by %1 on %2</source>
        <translation>Erstellt von %1 am %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A wave has soaked and waits for an operator to continue.</source>
        <translation>Eine Welle hat ihre Beobachtungszeit abgeschlossen und wartet darauf, dass ein Bediener fortfährt.</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>%1 succeeded, %2 failed, %3 in progress, %4 pending</source>
        <translation>%1 erfolgreich, %2 fehlgeschlagen, %3 in Bearbeitung, %4 ausstehend</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Rollout</source>
        <translation>Rollout</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Release</source>
        <translation>Release</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Targets</source>
        <translation>Ziele</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Halt reason</source>
        <translation>Grund für das Anhalten</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutPlanView</name>
    <message>
        <location filename="../views/rolloutplanview.cpp" line="+52"/>
        <source>Wave</source>
        <translation>Welle</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Succeeds at</source>
        <translation>Erfolgreich ab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Halts above</source>
        <translation>Anhalten über</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From results</source>
        <translation>Ab Ergebnissen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Soak</source>
        <translation>Beobachtungszeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manual gate</source>
        <translation>Manuelle Freigabe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The wave halts when more than this share of its results are failures.</source>
        <translation>Die Welle wird angehalten, wenn mehr als dieser Anteil ihrer Ergebnisse Fehler sind.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The error threshold applies once this many devices reported a result.</source>
        <translation>Die Fehlerschwelle gilt, sobald so viele Geräte ein Ergebnis gemeldet haben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>After soaking, the next wave waits for an operator to continue.</source>
        <translation>Nach der Beobachtungszeit wartet die nächste Welle darauf, dass ein Bediener fortfährt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Planned waves</source>
        <translation>Geplante Wellen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>End-user notice as the device shows it</source>
        <translation>Hinweis für Endnutzer, wie ihn das Gerät anzeigt</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Targets:</source>
        <translation>Ziele:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schedule:</source>
        <translation>Zeitplan:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>End-user notice:</source>
        <translation>Hinweis für Endnutzer:</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Model %1</source>
        <translation>Modell %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Region %1</source>
        <translation>Region %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>, </source>
        <comment>list separator</comment>
        <translation>, </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Every model of the release</source>
        <translation>Alle Modelle des Releases</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Models: %1</source>
        <translation>Modelle: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every region</source>
        <translation>Alle Regionen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regions: %1</source>
        <translation>Regionen: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Patch level older than %1</source>
        <translation>Patch-Stand älter als %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Firmware sequence below %1</source>
        <translation>Firmware-Sequenz unter %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>rooted</source>
        <translation>gerootet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ported</source>
        <translation>portiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>past their support end</source>
        <translation>nach Supportende</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rooted, ported and unsupported devices are left out</source>
        <translation>Gerootete, portierte und nicht mehr unterstützte Geräte werden ausgenommen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Includes devices that are %1</source>
        <translation>Schließt auch Geräte ein: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Starts %1</source>
        <translation>Startet %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Starts as soon as it is scheduled</source>
        <translation>Startet, sobald er geplant ist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Installs: %1</source>
        <translation>Installation: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deadline %1: devices not offered by then are left out</source>
        <translation>Frist %1: Geräte, denen das Update bis dahin nicht angeboten wurde, werden ausgenommen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No deadline</source>
        <translation>Keine Frist</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Devices the operator cannot reach get it from the manufacturer: %1</source>
        <translation>Geräte, die der Netzbetreiber nicht erreicht, erhalten das Update vom Hersteller: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No manufacturer fallback</source>
        <translation>Kein Hersteller-Fallback</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No</source>
        <translation>Nein</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutPlanner</name>
    <message>
        <location filename="../services/rollout/rolloutplanner.cpp" line="+39"/>
        <source>read the release</source>
        <translation>Lesen des Releases</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Release %1 does not exist.</source>
        <translation>Release %1 existiert nicht.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose an approved release.</source>
        <translation>Wählen Sie ein genehmigtes Release aus.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>read the release&apos;s models</source>
        <translation>Lesen der Modelle des Releases</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Release %1 was withdrawn: it must not be rolled out.</source>
        <translation>Release %1 wurde zurückgezogen: Es darf nicht ausgerollt werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Release %1 is %2, not approved: only approved releases are rolled out.</source>
        <translation>Release %1 hat den Status „%2“ und ist nicht genehmigt: Nur genehmigte Releases werden ausgerollt.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Hardware model %1 is not one the release is for.</source>
        <translation>Das Release ist nicht für Hardwaremodell %1 bestimmt.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>read the devices in active rollouts</source>
        <translation>Lesen der Geräte in aktiven Rollouts</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>read the targeted devices</source>
        <translation>Lesen der Zielgeräte</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>No device is targeted: every device of the release&apos;s models is excluded or filtered out.</source>
        <translation>Kein Gerät ist Ziel: Jedes Gerät der Modelle des Releases ist ausgeschlossen oder herausgefiltert.</translation>
    </message>
    <message numerus="yes">
        <location line="+41"/>
        <source>%Ln device(s) past their support end-date are included; they should be replaced (SSU-SEC-0040).</source>
        <translation>
            <numerusform>%Ln Gerät nach Supportende ist enthalten; es sollte ersetzt werden (SSU-SEC-0040).</numerusform>
            <numerusform>%Ln Geräte nach Supportende sind enthalten; sie sollten ersetzt werden (SSU-SEC-0040).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln device(s) past their support end-date are left out and listed for replacement (SSU-SEC-0040).</source>
        <translation>
            <numerusform>%Ln Gerät nach Supportende wird ausgelassen und zum Austausch aufgeführt (SSU-SEC-0040).</numerusform>
            <numerusform>%Ln Geräte nach Supportende werden ausgelassen und zum Austausch aufgeführt (SSU-SEC-0040).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln rooted or modified device(s) are included.</source>
        <translation>
            <numerusform>%Ln gerootetes oder modifiziertes Gerät ist enthalten.</numerusform>
            <numerusform>%Ln gerootete oder modifizierte Geräte sind enthalten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln device(s) ported to another operator are included (SSU-TES-0030).</source>
        <translation>
            <numerusform>%Ln zu einem anderen Netzbetreiber portiertes Gerät ist enthalten (SSU-TES-0030).</numerusform>
            <numerusform>%Ln zu einem anderen Netzbetreiber portierte Geräte sind enthalten (SSU-TES-0030).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln device(s) are in another active rollout and are left out.</source>
        <translation>
            <numerusform>%Ln Gerät ist in einem anderen aktiven Rollout und wird ausgelassen.</numerusform>
            <numerusform>%Ln Geräte sind in einem anderen aktiven Rollout und werden ausgelassen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The manufacturer fallback needs the address of the manufacturer&apos;s update server.</source>
        <translation>Der Hersteller-Fallback benötigt die Adresse des Update-Servers des Herstellers.</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutPreviewModel</name>
    <message>
        <location filename="../models/rolloutpreviewmodel.cpp" line="+21"/>
        <source>All models</source>
        <translation>Alle Modelle</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>%1 by %2</source>
        <comment>model by manufacturer</comment>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wave %1</source>
        <translation>Welle %1</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutPreviewView</name>
    <message>
        <location filename="../views/rolloutpreviewview.cpp" line="+39"/>
        <source>Show in &amp;Devices</source>
        <translation>Unter &amp;Geräte anzeigen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Targeted devices</source>
        <translation>Zielgeräte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wave sizes</source>
        <translation>Wellengrößen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Already current (same or newer firmware):</source>
        <translation>Bereits aktuell (gleiche oder neuere Firmware):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rooted or modified (left out):</source>
        <translation>Gerootet oder modifiziert (ausgelassen):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ported to another operator (left out):</source>
        <translation>Zu anderem Netzbetreiber portiert (ausgelassen):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Past their support end (to replace):</source>
        <translation>Nach Supportende (zu ersetzen):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In another active rollout:</source>
        <translation>In einem anderen aktiven Rollout:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outside the region, patch level or sequence filter:</source>
        <translation>Außerhalb des Regions-, Patch-Stand- oder Sequenzfilters:</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Open the Devices page with the devices of these models whose support has ended</source>
        <translation>Die Seite „Geräte“ mit den Geräten dieser Modelle öffnen, deren Support beendet ist</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>End-user notice as the device shows it</source>
        <translation>Hinweis für Endnutzer, wie das Gerät ihn anzeigt</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The notice as the device shows it:</source>
        <translation>Der Hinweis, wie das Gerät ihn anzeigt:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Problems and warnings</source>
        <translation>Probleme und Warnungen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Targeted devices by model and wave</source>
        <translation>Zielgeräte nach Modell und Welle</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Choose a release to see what the rollout would target.</source>
        <translation>Wählen Sie ein Release, um zu sehen, welche Geräte der Rollout als Ziel hätte.</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%Ln device(s) targeted</source>
        <translation>
            <numerusform>%Ln Zielgerät</numerusform>
            <numerusform>%Ln Zielgeräte</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>wave %1: %2</source>
        <translation>Welle %1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No waves.</source>
        <translation>Keine Wellen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Devices per wave: %1</source>
        <translation>Geräte pro Welle: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>, </source>
        <comment>list separator</comment>
        <translation>, </translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Problem: %1</source>
        <translation>Problem: %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Warning: %1</source>
        <translation>Warnung: %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No problems: the rollout can be created.</source>
        <translation>Keine Probleme: Der Rollout kann angelegt werden.</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutReason</name>
    <message numerus="yes">
        <location filename="../services/rollout/rolloutreason.cpp" line="+43"/>
        <source>Wave %1 halted: %2 of %Ln result(s) failed (%3%), above the error threshold of %4%.</source>
        <translation>
            <numerusform>Welle %1 angehalten: %2 von %Ln Ergebnis fehlgeschlagen (%3 %), über der Fehlerschwelle von %4 %.</numerusform>
            <numerusform>Welle %1 angehalten: %2 von %Ln Ergebnissen fehlgeschlagen (%3 %), über der Fehlerschwelle von %4 %.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>Wave %1 halted: every device reported, but only %2 of %Ln succeeded (%3%), below the success threshold of %4%.</source>
        <translation>
            <numerusform>Welle %1 angehalten: Alle Geräte haben gemeldet, aber nur %2 von %Ln erfolgreich (%3 %), unter der Erfolgsschwelle von %4 %.</numerusform>
            <numerusform>Welle %1 angehalten: Alle Geräte haben gemeldet, aber nur %2 von %Ln erfolgreich (%3 %), unter der Erfolgsschwelle von %4 %.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Halted: release %1 was withdrawn.</source>
        <translation>Angehalten: Release %1 wurde zurückgezogen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scheduled start reached; wave 1 started.</source>
        <translation>Geplanter Start erreicht; Welle 1 gestartet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wave %1 started.</source>
        <translation>Welle %1 gestartet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gate after wave %1 opened.</source>
        <translation>Freigabe nach Welle %1 erteilt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created.</source>
        <translation>Angelegt.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Completed: %Ln device(s) updated</source>
        <translation>
            <numerusform>Abgeschlossen: %Ln Gerät aktualisiert</numerusform>
            <numerusform>Abgeschlossen: %Ln Geräte aktualisiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>, %Ln failed</source>
        <translation>
            <numerusform>, %Ln fehlgeschlagen</numerusform>
            <numerusform>, %Ln fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>, %Ln not offered before the deadline</source>
        <translation>
            <numerusform>, %Ln vor der Frist nicht angeboten</numerusform>
            <numerusform>, %Ln vor der Frist nicht angeboten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Deadline reached: %Ln device(s) the operator could not reach are left to the manufacturer&apos;s update server (%1).</source>
        <translation>
            <numerusform>Frist erreicht: %Ln Gerät, das der Betreiber nicht erreichen konnte, wird dem Update-Server des Herstellers überlassen (%1).</numerusform>
            <numerusform>Frist erreicht: %Ln Geräte, die der Betreiber nicht erreichen konnte, werden dem Update-Server des Herstellers überlassen (%1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Deadline reached: %Ln device(s) not yet offered will not be.</source>
        <translation>
            <numerusform>Frist erreicht: %Ln noch nicht angebotenes Gerät wird nicht mehr angeboten.</numerusform>
            <numerusform>Frist erreicht: %Ln noch nicht angebotene Geräte werden nicht mehr angeboten.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutReasonDialog</name>
    <message>
        <location filename="../views/rolloutreasondialog.cpp" line="+34"/>
        <source>&amp;Reason (recorded in the rollout history and the audit log):</source>
        <translation>&amp;Grund (wird im Rollout-Verlauf und im Audit-Protokoll erfasst):</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New error threshold</source>
        <translation>Neue Fehlerschwelle</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Failures are counted again from the moment the rollout resumes.</source>
        <translation>Fehler werden ab der Fortsetzung des Rollouts neu gezählt.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Raise the &amp;error threshold of wave %1 to</source>
        <translation>&amp;Fehlerschwelle von Welle %1 erhöhen auf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wave %1 halts when more than %2 of its results are failures.</source>
        <translation>Welle %1 wird angehalten, wenn mehr als %2 ihrer Ergebnisse Fehlschläge sind.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Write a reason first.</source>
        <translation>Geben Sie zuerst einen Grund ein.</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutRules</name>
    <message>
        <location filename="../services/domain/rolloutrules.cpp" line="+71"/>
        <source>The plan has no waves. Add at least one wave.</source>
        <translation>Der Plan hat keine Wellen. Fügen Sie mindestens eine Welle hinzu.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Wave %1: the share of devices must be more than 0% and at most 100% (it is %2%). Correct the percentage.</source>
        <translation>Welle %1: Der Anteil der Geräte muss größer als 0 % und höchstens 100 % sein (er beträgt %2 %). Korrigieren Sie den Prozentsatz.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Wave %1: the number of devices must be at least 1 (it is %2). Correct the count or remove the wave.</source>
        <translation>Welle %1: Die Anzahl der Geräte muss mindestens 1 sein (sie beträgt %2). Korrigieren Sie die Anzahl, oder entfernen Sie die Welle.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Wave %1: only one wave can take the rest of the devices (wave %2 already does). Give this wave a size or remove it.</source>
        <translation>Welle %1: Nur eine Welle kann die restlichen Geräte übernehmen (Welle %2 tut das bereits). Geben Sie dieser Welle eine Größe, oder entfernen Sie sie.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Wave %1 takes the rest of the devices, so it must be the last wave. Move it to the end or remove the waves after it.</source>
        <translation>Welle %1 übernimmt die restlichen Geräte und muss daher die letzte Welle sein. Verschieben Sie sie ans Ende, oder entfernen Sie die Wellen danach.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Wave %1: the success threshold must be more than 0% and at most 100% (it is %2%).</source>
        <translation>Welle %1: Die Erfolgsschwelle muss größer als 0 % und höchstens 100 % sein (sie beträgt %2 %).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wave %1: the error threshold must be at least 0% and below 100% (it is %2%).</source>
        <translation>Welle %1: Die Fehlerschwelle muss mindestens 0 % und kleiner als 100 % sein (sie beträgt %2 %).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wave %1: the error threshold needs at least 1 result before it applies (the minimum is %2).</source>
        <translation>Welle %1: Die Fehlerschwelle braucht mindestens 1 Ergebnis, bevor sie greift (das Minimum beträgt %2).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wave %1: the soak time must be from 0 to %2 minutes (a week); it is %3 minutes.</source>
        <translation>Welle %1: Die Beobachtungszeit muss zwischen 0 und %2 Minuten (eine Woche) liegen; sie beträgt %3 Minuten.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The percentage waves add up to %1% and leave nothing for wave %2, which takes the rest. Lower them below 100% or remove wave %2.</source>
        <translation>Die Prozentwellen ergeben zusammen %1 % und lassen nichts für Welle %2 übrig, die den Rest übernimmt. Senken Sie sie unter 100 %, oder entfernen Sie Welle %2.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The percentage waves add up to %1%, more than all devices. Lower them so that they add up to 100%.</source>
        <translation>Die Prozentwellen ergeben zusammen %1 %, also mehr als alle Geräte. Senken Sie sie, sodass sie zusammen 100 % ergeben.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The waves cover only %1% of the devices. Add a last wave for the rest, or make the percentages add up to 100%.</source>
        <translation>Die Wellen decken nur %1 % der Geräte ab. Fügen Sie eine letzte Welle für den Rest hinzu, oder sorgen Sie dafür, dass die Prozentsätze zusammen 100 % ergeben.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The maintenance window has no valid start or end time. Set both, or switch the window off to let devices install at any time.</source>
        <translation>Das Wartungsfenster hat keine gültige Start- oder Endzeit. Legen Sie beide fest, oder schalten Sie das Fenster aus, damit Geräte jederzeit installieren können.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The maintenance window starts and ends at %1, so devices would never install. Set a different end, or switch the window off to let devices install at any time.</source>
        <translation>Das Wartungsfenster beginnt und endet um %1, daher würden Geräte nie installieren. Legen Sie ein anderes Ende fest, oder schalten Sie das Fenster aus, damit Geräte jederzeit installieren können.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The deadline (%1) is before the start (%2). Move the deadline after the start, or remove it.</source>
        <translation>Die Frist (%1) liegt vor dem Start (%2). Verschieben Sie die Frist hinter den Start, oder entfernen Sie sie.</translation>
    </message>
    <message numerus="yes">
        <location line="+57"/>
        <source>The waves ask for more devices than the %Ln targeted: wave %1 gets only %2. Lower the device counts or percentages.</source>
        <translation>
            <numerusform>Die Wellen verlangen mehr Geräte als das %Ln Zielgerät: Welle %1 erhält nur %2. Verringern Sie die Geräteanzahlen oder Prozentsätze.</numerusform>
            <numerusform>Die Wellen verlangen mehr Geräte als die %Ln Zielgeräte: Welle %1 erhält nur %2. Verringern Sie die Geräteanzahlen oder Prozentsätze.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>The waves ask for more devices than the %Ln targeted: wave %1 gets only %2 and the waves after it none. Lower the device counts or percentages.</source>
        <translation>
            <numerusform>Die Wellen verlangen mehr Geräte als das %Ln Zielgerät: Welle %1 erhält nur %2 und die Wellen danach keine. Verringern Sie die Geräteanzahlen oder Prozentsätze.</numerusform>
            <numerusform>Die Wellen verlangen mehr Geräte als die %Ln Zielgeräte: Welle %1 erhält nur %2 und die Wellen danach keine. Verringern Sie die Geräteanzahlen oder Prozentsätze.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%Ln device(s) would be left out: the waves cover only %1 of %2. Add a last wave for the rest, or make the waves larger.</source>
        <translation>
            <numerusform>%Ln Gerät würde ausgelassen: Die Wellen decken nur %1 von %2 ab. Fügen Sie eine letzte Welle für den Rest hinzu, oder vergrößern Sie die Wellen.</numerusform>
            <numerusform>%Ln Geräte würden ausgelassen: Die Wellen decken nur %1 von %2 ab. Fügen Sie eine letzte Welle für den Rest hinzu, oder vergrößern Sie die Wellen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+161"/>
        <source>Security update</source>
        <translation>Sicherheitsupdate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Security update (patch level %1)</source>
        <translation>Sicherheitsupdate (Patch-Stand %1)</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>This security update fixes vulnerabilities in the device&apos;s software. Install it to keep the device protected.</source>
        <translation>Dieses Sicherheitsupdate behebt Schwachstellen in der Software des Geräts. Installieren Sie es, damit das Gerät geschützt bleibt.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>This security update fixes %Ln known vulnerability(ies). Install it to keep the device protected.</source>
        <translation>
            <numerusform>Dieses Sicherheitsupdate behebt %Ln bekannte Schwachstelle. Installieren Sie es, damit das Gerät geschützt bleibt.</numerusform>
            <numerusform>Dieses Sicherheitsupdate behebt %Ln bekannte Schwachstellen. Installieren Sie es, damit das Gerät geschützt bleibt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%1 and %Ln more</source>
        <translation>
            <numerusform>%1 und %Ln weitere</numerusform>
            <numerusform>%1 und %Ln weitere</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This security update fixes %1. Install it to keep the device protected.</source>
        <translation>Dieses Sicherheitsupdate behebt %1. Installieren Sie es, damit das Gerät geschützt bleibt.</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutScheduleEditor</name>
    <message>
        <location filename="../views/rolloutscheduleeditor.cpp" line="+20"/>
        <source>As soon as it is &amp;scheduled</source>
        <translation>Sobald der Rollout &amp;geplant ist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;At</source>
        <translation>&amp;Am</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Install only &amp;between</source>
        <translation>Nur installieren &amp;zwischen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Leave out devices not offered by</source>
        <translation>Nicht angebotene Geräte auslassen a&amp;b</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start time</source>
        <translation>Startzeit</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Maintenance window start</source>
        <translation>Beginn des Wartungsfensters</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maintenance window end</source>
        <translation>Ende des Wartungsfensters</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>and</source>
        <translation>und</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>device-local time</source>
        <translation>Ortszeit des Geräts</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Devices download at any time and install inside the window, in their own time zone. A window may cross midnight (22:00 to 04:00).</source>
        <translation>Geräte laden jederzeit herunter und installieren innerhalb des Fensters, in ihrer eigenen Zeitzone. Ein Fenster darf über Mitternacht reichen (22:00 bis 04:00).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Deadline</source>
        <translation>Frist</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Start:</source>
        <translation>Start:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maintenance window:</source>
        <translation>Wartungsfenster:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deadline:</source>
        <translation>Frist:</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutService</name>
    <message>
        <location filename="../services/rollout/rolloutservice.cpp" line="+35"/>
        <source>Rollout %1 is %2: it cannot be %3.</source>
        <translation>Rollout %1 hat den Status „%2“ und kann nicht %3 werden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refresh the list to see its current state.</source>
        <translation>Aktualisieren Sie die Liste, um den aktuellen Status zu sehen.</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>start a transaction</source>
        <translation>Starten einer Transaktion</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The rollout cannot be created: %1</source>
        <translation>Der Rollout kann nicht angelegt werden: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change the plan and look at the preview again.</source>
        <translation>Ändern Sie den Plan, und sehen Sie sich die Vorschau erneut an.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Release %1</source>
        <translation>Release %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>register the release&apos;s build</source>
        <translation>Registrieren des Builds des Releases</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>store the rollout</source>
        <translation>Speichern des Rollouts</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>store the rollout waves</source>
        <translation>Speichern der Rollout-Wellen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>store the rollout&apos;s devices</source>
        <translation>Speichern der Geräte des Rollouts</translation>
    </message>
    <message>
        <location line="+37"/>
        <location line="+31"/>
        <source>schedule the rollout</source>
        <translation>Planen des Rollouts</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>create the rollout</source>
        <translation>Anlegen des Rollouts</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>scheduled</source>
        <translation>geplant</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Release %1 is %2: only approved releases are rolled out.</source>
        <translation>Release %1 hat den Status „%2“: Nur genehmigte Releases werden ausgerollt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel this draft.</source>
        <translation>Brechen Sie diesen Entwurf ab.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>pause the rollout</source>
        <translation>Pausieren des Rollouts</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>An error threshold is below 100%.</source>
        <translation>Eine Fehlerschwelle muss unter 100 % liegen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>resumed</source>
        <translation>fortgesetzt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Release %1 was withdrawn: the rollout cannot resume.</source>
        <translation>Release %1 wurde zurückgezogen: Der Rollout kann nicht fortgesetzt werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel the rollout.</source>
        <translation>Brechen Sie den Rollout ab.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>resume the halted wave</source>
        <translation>Fortsetzen der angehaltenen Welle</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+13"/>
        <source>resume the rollout</source>
        <translation>Fortsetzen des Rollouts</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cancelling a rollout needs a reason.</source>
        <translation>Zum Abbrechen eines Rollouts ist ein Grund erforderlich.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Say why the rollout is cancelled.</source>
        <translation>Geben Sie an, warum der Rollout abgebrochen wird.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+8"/>
        <source>cancel the rollout</source>
        <translation>Abbrechen des Rollouts</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>No wave of rollout %1 waits for an operator to continue.</source>
        <translation>Keine Welle von Rollout %1 wartet darauf, dass ein Bediener fortfährt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A gate opens once its wave succeeded and soaked.</source>
        <translation>Eine Freigabe ist erst möglich, wenn ihre Welle erfolgreich war und die Beobachtungszeit abgelaufen ist.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+10"/>
        <source>open the gate</source>
        <translation>Erteilen der Freigabe</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutStore</name>
    <message>
        <location filename="../services/rollout/rolloutstore.cpp" line="+48"/>
        <source>read the rollouts</source>
        <translation>Lesen der Rollouts</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>read the rollout waves</source>
        <translation>Lesen der Rollout-Wellen</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Rollout %1 does not exist.</source>
        <translation>Rollout %1 existiert nicht.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>read the rollout plan</source>
        <translation>Lesen des Rollout-Plans</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>read the rollout history</source>
        <translation>Lesen des Rollout-Verlaufs</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>change the rollout state</source>
        <translation>Ändern des Rollout-Status</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rollout %1 is no longer %2.</source>
        <translation>Rollout %1 hat nicht mehr den Status „%2“.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refresh the list and try again.</source>
        <translation>Aktualisieren Sie die Liste, und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>record the rollout transition</source>
        <translation>Erfassen des Rollout-Statusübergangs</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutTargetsEditor</name>
    <message>
        <location filename="../views/rollouttargetseditor.cpp" line="+57"/>
        <source>Only devices with a &amp;patch level older than</source>
        <translation>Nur Geräte mit einem &amp;Patch-Stand älter als</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only devices with a firmware se&amp;quence below</source>
        <translation>Nur Geräte mit einer Firmware-Se&amp;quenz unter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Include r&amp;ooted or modified devices</source>
        <translation>Ger&amp;ootete oder modifizierte Geräte einbeziehen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Include devices &amp;ported to another operator</source>
        <translation>Zu anderem Netzbetreiber po&amp;rtierte Geräte einbeziehen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Include devices past their &amp;support end</source>
        <translation>Geräte nach &amp;Supportende einbeziehen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Models</source>
        <translation>Modelle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regions</source>
        <translation>Regionen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Models of the release:</source>
        <translation>&amp;Modelle des Releases:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>R&amp;egions:</source>
        <translation>R&amp;egionen:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Patch level older than</source>
        <translation>Patch-Stand älter als</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Firmware sequence below</source>
        <translation>Firmware-Sequenz unter</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>SSU-TES-0030: devices with user-modified software are left out unless included.</source>
        <translation>SSU-TES-0030: Geräte mit vom Nutzer modifizierter Software werden ausgelassen, sofern sie nicht einbezogen werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SSU-TES-0030: devices whose subscription moved are left out unless included.</source>
        <translation>SSU-TES-0030: Geräte, deren Mobilfunkvertrag portiert wurde, werden ausgelassen, sofern sie nicht einbezogen werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SSU-SEC-0040: devices past their support end should be replaced; they are listed in the preview.</source>
        <translation>SSU-SEC-0040: Geräte nach Supportende sollten ersetzt werden; sie werden in der Vorschau aufgeführt.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 (%2)</source>
        <comment>region name, code</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 (not in the fleet)</source>
        <translation>%1 (nicht in der Flotte)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1, supported until %2</source>
        <translation>%1, unterstützt bis %2</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Choose at least one model.</source>
        <translation>Wählen Sie mindestens ein Modell.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose at least one region.</source>
        <translation>Wählen Sie mindestens eine Region.</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutsPage</name>
    <message>
        <location filename="../views/rolloutspage.cpp" line="+48"/>
        <source>&amp;New Rollout…</source>
        <translation>&amp;Neuer Rollout…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>New rollout</source>
        <translation>Neuer Rollout</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rollout count</source>
        <translation>Rollout-Anzahl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading rollouts…</source>
        <translation>Rollouts werden geladen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Rollouts</source>
        <translation>Rollouts</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No rollouts yet. A rollout manager plans one from an approved release with New Rollout (Ctrl+Shift+N).</source>
        <translation>Noch keine Rollouts. Ein Rollout-Manager plant einen aus einem genehmigten Release mit „Neuer Rollout“ (Ctrl+Shift+N).</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>No rollout service is connected.</source>
        <translation>Kein Rollout-Dienst verbunden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rollouts are not available.</source>
        <translation>Rollouts sind nicht verfügbar.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Rollouts could not be loaded.</source>
        <translation>Die Rollouts konnten nicht geladen werden.</translation>
    </message>
    <message numerus="yes">
        <location line="+67"/>
        <source>%Ln rollout(s)</source>
        <translation>
            <numerusform>%Ln Rollout</numerusform>
            <numerusform>%Ln Rollouts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>, %Ln running</source>
        <translation>
            <numerusform>, %Ln läuft</numerusform>
            <numerusform>, %Ln laufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>, %Ln waiting for the gate</source>
        <translation>
            <numerusform>, %Ln wartet auf Freigabe</numerusform>
            <numerusform>, %Ln warten auf Freigabe</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln halted</source>
        <translation>
            <numerusform>%Ln angehalten</numerusform>
            <numerusform>%Ln angehalten</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Rollouts need the rollout service and the firmware server.</source>
        <translation>Rollouts benötigen den Rollout-Dienst und den Firmware-Server.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Plan a staged rollout of an approved release (Ctrl+Shift+N)</source>
        <translation>Einen gestaffelten Rollout eines genehmigten Releases planen (Ctrl+Shift+N)</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress</source>
        <translation>In Bearbeitung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Running, wave %1 of %2</source>
        <translation>Läuft, Welle %1 von %2</translation>
    </message>
</context>
<context>
    <name>Patchboard::SelfSignedCertificate</name>
    <message>
        <location filename="../services/crypto/selfsignedcertificate.cpp" line="+46"/>
        <source>Cannot %1: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+36"/>
        <source>make a subject alternative name</source>
        <translation>Erstellen eines alternativen Antragstellernamens</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>encode the address %1</source>
        <translation>Kodieren der Adresse %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&quot;%1&quot; is neither a host name nor an IP address.</source>
        <translation>„%1“ ist weder ein Hostname noch eine IP-Adresse.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give host names like server.example.org or addresses like 192.0.2.10.</source>
        <translation>Geben Sie Hostnamen wie server.example.org oder Adressen wie 192.0.2.10 an.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>encode the host name %1</source>
        <translation>Kodieren des Hostnamens %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>add the certificate extension %1</source>
        <translation>Hinzufügen der Zertifikatserweiterung %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Cannot read the %1 %2: %3.</source>
        <translation>%1 %2 kann nicht gelesen werden: %3.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the file&apos;s permissions, or delete the development certificate and its key to make new ones.</source>
        <translation>Prüfen Sie die Berechtigungen der Datei, oder löschen Sie das Entwicklungszertifikat und seinen Schlüssel, um neue zu erzeugen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The %1 %2 is too large for a PEM file.</source>
        <translation>%1 %2 ist zu groß für eine PEM-Datei.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Delete %1 and %2 to make a new development certificate (the consoles then have to trust the new one), or give your own with --cert and --key.</source>
        <translation>Löschen Sie %1 und %2, um ein neues Entwicklungszertifikat zu erzeugen (die Konsolen müssen dann dem neuen vertrauen), oder geben Sie mit --cert und --key ein eigenes an.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>certificate</source>
        <translation>Zertifikat</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 holds no PEM certificate.</source>
        <translation>%1 enthält kein PEM-Zertifikat.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 holds no unencrypted PEM private key.</source>
        <translation>%1 enthält keinen unverschlüsselten privaten PEM-Schlüssel.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The key %1 does not belong to the certificate %2.</source>
        <translation>Der Schlüssel %1 gehört nicht zum Zertifikat %2.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The development certificate %1 has expired.</source>
        <translation>Das Entwicklungszertifikat %1 ist abgelaufen.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot create %1: %2.</source>
        <translation>%1 kann nicht angelegt werden: %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that the folder exists and is writable by the user patchboard-server runs as.</source>
        <translation>Prüfen Sie, ob der Ordner existiert und für den Benutzer, unter dem patchboard-server läuft, beschreibbar ist.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot write %1: %2.</source>
        <translation>%1 kann nicht geschrieben werden: %2.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the free space of the disk.</source>
        <translation>Prüfen Sie den freien Speicherplatz auf dem Datenträger.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>A development certificate is valid for 1 to 3650 days.</source>
        <translation>Ein Entwicklungszertifikat ist 1 bis 3650 Tage gültig.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>generate a P-256 key</source>
        <translation>Erzeugen eines P-256-Schlüssels</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>make a certificate</source>
        <translation>Erstellen eines Zertifikats</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>make a serial number</source>
        <translation>Erzeugen einer Seriennummer</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>set the serial number</source>
        <translation>Setzen der Seriennummer</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>set the validity</source>
        <translation>Setzen der Gültigkeitsdauer</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>set the subject</source>
        <translation>Setzen des Antragstellers</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>make the subject alternative names</source>
        <translation>Erstellen der alternativen Antragstellernamen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>add the subject alternative names</source>
        <translation>Hinzufügen der alternativen Antragstellernamen</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>sign the certificate</source>
        <translation>Signieren des Zertifikats</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>write the certificate as PEM</source>
        <translation>Schreiben des Zertifikats als PEM</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 exists but %2 is missing.</source>
        <translation>%1 existiert, aber %2 fehlt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore %1, or delete %2 to make a new development certificate (the consoles then have to trust the new one).</source>
        <translation>Stellen Sie %1 wieder her, oder löschen Sie %2, um ein neues Entwicklungszertifikat zu erzeugen (die Konsolen müssen dann dem neuen vertrauen).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot create the folder %1.</source>
        <translation>Der Ordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that its parent is writable by the user patchboard-server runs as.</source>
        <translation>Prüfen Sie, ob der übergeordnete Ordner für den Benutzer, unter dem patchboard-server läuft, beschreibbar ist.</translation>
    </message>
</context>
<context>
    <name>Patchboard::Server</name>
    <message>
        <location filename="../services/api/patchboardserver.cpp" line="+55"/>
        <source>Opening was cancelled.</source>
        <translation>Das Öffnen wurde abgebrochen.</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>listen for other instances&apos; changes</source>
        <translation>auf Änderungen anderer Instanzen warten</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>--cert and --key go together.</source>
        <translation>--cert und --key gehören zusammen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name both files, or neither for the development certificate.</source>
        <translation>Geben Sie beide Dateien an oder keine für das Entwicklungszertifikat.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cannot read the certificate %1 or its key %2.</source>
        <translation>Das Zertifikat %1 oder sein Schlüssel %2 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that both files exist and are readable.</source>
        <translation>Prüfen Sie, ob beide Dateien existieren und lesbar sind.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 holds no PEM certificate, or %2 no PEM key (EC or RSA, unencrypted).</source>
        <translation>%1 enthält kein PEM-Zertifikat oder %2 keinen PEM-Schlüssel (EC oder RSA, unverschlüsselt).</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Cannot create the data folder %1.</source>
        <translation>Der Datenordner %1 kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Cannot listen on %1 port %2: %3.</source>
        <translation>Auf %1 Port %2 kann nicht gelauscht werden: %3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Another program may use the port; choose another with --port.</source>
        <translation>Möglicherweise verwendet ein anderes Programm den Port; wählen Sie mit --port einen anderen.</translation>
    </message>
</context>
<context>
    <name>Patchboard::SettingsDialog</name>
    <message>
        <location filename="../views/settingsdialog.cpp" line="+66"/>
        <location line="+8"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Operator</source>
        <translation>Bediener</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Compliance</source>
        <translation>Compliance</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rollouts</source>
        <translation>Rollouts</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Ctrl+Tab and Ctrl+Shift+Tab switch between the tabs</source>
        <translation>Strg+Tab und Strg+Umschalt+Tab wechseln zwischen den Reitern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Puts the defaults into the fields of this tab; they are saved with OK or Apply</source>
        <translation>Setzt die Felder dieses Reiters auf die Standardwerte; gespeichert werden sie mit OK oder Anwenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+426"/>
        <source>Saves the settings and keeps the dialog open</source>
        <translation>Speichert die Einstellungen und lässt den Dialog geöffnet</translation>
    </message>
    <message>
        <location line="-386"/>
        <source>Database file</source>
        <translation>Datenbankdatei</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Browse…</source>
        <translation>Durch&amp;suchen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the database file</source>
        <translation>Datenbankdatei auswählen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Backend</source>
        <translation>Backend</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Embedded database</source>
        <translation>Eingebettete Datenbank</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server (patchboard-server)</source>
        <translation>Server (patchboard-server)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CA file</source>
        <translation>CA-Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optional: a PEM file of the CA that signed the server&apos;s certificate</source>
        <translation>Optional: eine PEM-Datei der CA, die das Zertifikat des Servers signiert hat</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Br&amp;owse…</source>
        <translation>Durchs&amp;uchen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the CA file</source>
        <translation>CA-Datei auswählen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pinned certificate fingerprint</source>
        <translation>Gepinnter Zertifikat-Fingerabdruck</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optional: the SHA-256 fingerprint patchboard-server printed</source>
        <translation>Optional: der SHA-256-Fingerabdruck, den patchboard-server ausgegeben hat</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Bac&amp;kend:</source>
        <translation>&amp;Backend:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Embedded &amp;database file:</source>
        <translation>Eingebettete &amp;Datenbankdatei:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Server addr&amp;ess:</source>
        <translation>Server&amp;adresse:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;CA file:</source>
        <translation>&amp;CA-Datei:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Pinned fingerprint:</source>
        <translation>Gepinnter &amp;Fingerabdruck:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Patchboard opens this SQLite file at start and creates it with a demo fleet when it does not exist. Empty: the default file shown. Used from the next start; --database FILE overrides it.</source>
        <translation>Patchboard öffnet diese SQLite-Datei beim Start und legt sie mit einer Demo-Flotte an, falls sie nicht existiert. Leer: die angezeigte Standarddatei. Gilt ab dem nächsten Start; --database FILE hat Vorrang.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With a server, Patchboard signs in to patchboard-server at start and shows the fleet the server keeps. Its certificate must be signed by a CA this computer or the CA file trusts, or have the pinned fingerprint; nothing else is accepted. A change applies at the next start; --server, --ca-file and --pin override it.</source>
        <translation>Mit einem Server meldet sich Patchboard beim Start bei patchboard-server an und zeigt die Flotte, die der Server verwaltet. Dessen Zertifikat muss von einer CA signiert sein, der dieser Computer oder die CA-Datei vertraut, oder den gepinnten Fingerabdruck haben; nichts anderes wird akzeptiert. Eine Änderung gilt ab dem nächsten Start; --server, --ca-file und --pin haben Vorrang.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Operator name</source>
        <translation>Bedienername</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Role:</source>
        <translation>&amp;Rolle:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Who acts when Patchboard starts: the name recorded with every decision in the audit log, and the role that decides what may be done. Empty name: your user name on this computer. Used from the next start; --operator and --role override it, and File &gt; Switch Operator changes who acts now.</source>
        <translation>Wer beim Start von Patchboard handelt: der Name, der mit jeder Entscheidung im Audit-Protokoll erfasst wird, und die Rolle, die festlegt, was erlaubt ist. Leerer Name: Ihr Benutzername auf diesem Computer. Gilt ab dem nächsten Start; --operator und --role haben Vorrang, und Datei &gt; Bediener wechseln ändert, wer jetzt handelt.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Theme</source>
        <translation>Design</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Patchboard shows the new language from its next start.</source>
        <translation>Patchboard zeigt die neue Sprache ab dem nächsten Start an.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Theme:</source>
        <translation>&amp;Design:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language:</source>
        <translation>&amp;Sprache:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>System follows the desktop; Light and Dark look the same on every desktop, charts included. The theme changes when you apply it. Dates and numbers follow the language; --lang overrides it.</source>
        <translation>„System“ folgt dem Desktop; „Hell“ und „Dunkel“ sehen auf jedem Desktop gleich aus, Diagramme eingeschlossen. Das Design ändert sich, sobald Sie es anwenden. Datums- und Zahlenformate richten sich nach der Sprache; --lang hat Vorrang.</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+4"/>
        <source> days</source>
        <translation> Tage</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Patch level out of date after, in days</source>
        <translation>Patch-Stand veraltet nach (in Tagen)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Warn before the end of support, in days</source>
        <translation>Vor dem Supportende warnen (in Tagen)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Patch level out of date after:</source>
        <translation>&amp;Patch-Stand veraltet nach:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warn before &amp;end of support:</source>
        <translation>Vor dem Support&amp;ende warnen:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A device whose security patch level is older than this is out of date (SSU-SEC-0020: monthly security updates; the default is a quarter). The patch-age chart splits its bars at this age.</source>
        <translation>Ein Gerät, dessen Sicherheitspatch-Stand älter ist, gilt als veraltet (SSU-SEC-0020: monatliche Sicherheitsupdates; Standard ist ein Quartal). Das Patch-Alter-Diagramm teilt seine Balken bei diesem Alter.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Models whose support ends within this period are marked as ending soon so that their replacement can be planned (SSU-SEC-0040).</source>
        <translation>Modelle, deren Support innerhalb dieses Zeitraums endet, werden als „endet bald“ markiert, damit ihr Ersatz geplant werden kann (SSU-SEC-0040).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The Compliance and Devices pages use the new limits when you apply them.</source>
        <translation>Die Seiten „Compliance“ und „Geräte“ verwenden die neuen Grenzwerte, sobald Sie sie anwenden.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Install only &amp;between</source>
        <translation>Nur installieren &amp;zwischen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Maintenance window start</source>
        <translation>Beginn des Wartungsfensters</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Maintenance window end</source>
        <translation>Ende des Wartungsfensters</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>and</source>
        <translation>und</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>device-local time</source>
        <translation>Ortszeit des Geräts</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Waves a new rollout starts with:</source>
        <translation>Wellen, mit denen ein neuer Rollout beginnt:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The New Rollout dialog starts from these waves, thresholds and maintenance window; each rollout can still change them. The waves must cover every target: percentages that add up to 100%, or a last wave for the rest.</source>
        <translation>Der Dialog „Neuer Rollout“ beginnt mit diesen Wellen, Schwellenwerten und diesem Wartungsfenster; jeder Rollout kann sie noch ändern. Die Wellen müssen alle Ziele abdecken: Prozentsätze, die zusammen 100 % ergeben, oder eine letzte Welle für den Rest.</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>CA File</source>
        <translation>CA-Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM-Zertifikate (*.pem *.crt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Embedded Database File</source>
        <translation>Eingebettete Datenbankdatei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SQLite databases (*.db *.sqlite);;All files (*)</source>
        <translation>SQLite-Datenbanken (*.db *.sqlite);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Give the database file with its full path, such as %1.</source>
        <translation>Geben Sie die Datenbankdatei mit vollständigem Pfad an, z. B. %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is a folder. Give the name of a database file in it.</source>
        <translation>%1 ist ein Ordner. Geben Sie den Namen einer Datenbankdatei darin an.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1: %2</source>
        <comment>tab name: problem</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Saves the settings and closes the dialog</source>
        <translation>Speichert die Einstellungen und schließt den Dialog</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>The settings could not be saved to %1. Check that the folder exists and that you may write to it.</source>
        <translation>Die Einstellungen konnten nicht in %1 gespeichert werden. Prüfen Sie, ob der Ordner existiert und Sie darin schreiben dürfen.</translation>
    </message>
</context>
<context>
    <name>Patchboard::SimulatorBar</name>
    <message>
        <location filename="../views/simulatorbar.cpp" line="+24"/>
        <source>%1×</source>
        <comment>simulation speed</comment>
        <translation>%1×</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Inject</source>
        <translation>&amp;Einspeisen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;lear Faults</source>
        <translation>Fehler &amp;löschen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fleet simulator</source>
        <translation>Flottensimulator</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Simulator</source>
        <translation>Simulator</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Simulated time</source>
        <translation>Simulierte Zeit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The clock rollouts run on: waves, soak times, maintenance windows and deadlines follow it.</source>
        <translation>Die Uhr, nach der Rollouts laufen: Wellen, Beobachtungszeiten, Wartungsfenster und Fristen richten sich nach ihr.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maximum</source>
        <translation>Maximum</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Simulation speed</source>
        <translation>Simulationsgeschwindigkeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;peed:</source>
        <translation>&amp;Geschwindigkeit:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hardware model to inject failures into</source>
        <translation>Hardwaremodell, in das Fehler eingespeist werden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Fault injection:</source>
        <translation>&amp;Fehlerinjektion:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>% fail</source>
        <comment>failure rate suffix</comment>
        <translation>% Fehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failure rate to inject</source>
        <translation>Einzuspeisende Fehlerrate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inject failures</source>
        <translation>Fehler einspeisen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear injected failures</source>
        <translation>Eingespeiste Fehler entfernen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Injected faults</source>
        <translation>Eingespeiste Fehler</translation>
    </message>
    <message>
        <location line="+139"/>
        <source>Model %1</source>
        <translation>Modell %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 %2</source>
        <comment>model, failure rate</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No faults injected</source>
        <translation>Keine Fehler eingespeist</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Injected: %1</source>
        <translation>Eingespeist: %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>, </source>
        <comment>list separator</comment>
        <translation>, </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Simulated time: %1</source>
        <translation>Simulierte Zeit: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A change to the simulator is on its way.</source>
        <translation>Eine Änderung am Simulator ist in Bearbeitung.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Simulated seconds per real second; Maximum runs as fast as the computer can.</source>
        <translation>Simulierte Sekunden pro echter Sekunde; „Maximum“ läuft so schnell, wie der Computer kann.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Make the chosen model&apos;s devices fail at this rate, to see the error threshold halt a rollout.</source>
        <translation>Die Geräte des gewählten Modells mit dieser Rate fehlschlagen lassen, um zu sehen, wie die Fehlerschwelle einen Rollout anhält.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The fleet&apos;s hardware models are not known yet.</source>
        <translation>Die Hardwaremodelle der Flotte sind noch nicht bekannt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove every injected failure rate.</source>
        <translation>Alle eingespeisten Fehlerraten entfernen.</translation>
    </message>
</context>
<context>
    <name>Patchboard::SupportStatusChart</name>
    <message>
        <location filename="../views/supportstatuschart.cpp" line="+42"/>
        <source>Devices by support status</source>
        <translation>Geräte nach Supportstatus</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 (%2 of the fleet)
Click to list these devices.</source>
        <translation>%1 (%2 der Flotte)
Klicken, um diese Geräte aufzulisten.</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1: %2</source>
        <comment>status: devices</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Supported %1, ending soon %2, ended %3</source>
        <translation>Unterstützt %1, endet bald %2, beendet %3</translation>
    </message>
</context>
<context>
    <name>Patchboard::SupportStatusModel</name>
    <message>
        <location filename="../models/supportstatusmodel.cpp" line="+76"/>
        <source>Devices on models without security support: replace them (SSU-SEC-0040).</source>
        <translation>Geräte auf Modellen ohne Sicherheitssupport: ersetzen (SSU-SEC-0040).</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Devices on models whose support ends within %Ln day(s).</source>
        <translation>
            <numerusform>Geräte auf Modellen, deren Support innerhalb von %Ln Tag endet.</numerusform>
            <numerusform>Geräte auf Modellen, deren Support innerhalb von %Ln Tagen endet.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Support</source>
        <translation>Support</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share</source>
        <translation>Anteil</translation>
    </message>
</context>
<context>
    <name>Patchboard::Telemetry</name>
    <message>
        <location filename="../services/domain/telemetry.cpp" line="+53"/>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rolled back</source>
        <translation>Zurückgerollt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Postponed</source>
        <translation>Verschoben</translation>
    </message>
</context>
<context>
    <name>Patchboard::TelemetryEventsDialog</name>
    <message>
        <location filename="../views/telemetryeventsdialog.cpp" line="+15"/>
        <source>&amp;Replace device IDs with pseudonyms</source>
        <translation>Geräte-IDs durch &amp;Pseudonyme ersetzen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export Update Events</source>
        <translation>Update-Ereignisse exportieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every update event of %1, oldest first, as a CSV file (UTF-8).</source>
        <translation>Alle Update-Ereignisse für %1, älteste zuerst, als CSV-Datei (UTF-8).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Each device ID is replaced by a keyed hash of it.</source>
        <translation>Jede Geräte-ID wird durch einen schlüsselbasierten Hash davon ersetzt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each device ID is replaced by a pseudonym that is the same for every event of that device in this file. The pseudonyms are keyed with a random salt made for this export and not stored anywhere: they cannot be traced back to devices, nor matched with another export.</source>
        <translation>Jede Geräte-ID wird durch ein Pseudonym ersetzt, das für alle Ereignisse dieses Geräts in dieser Datei gleich ist. Die Pseudonyme werden mit einem zufälligen Salt gebildet, der nur für diesen Export erzeugt und nirgends gespeichert wird: Sie lassen sich weder auf Geräte zurückführen noch mit einem anderen Export abgleichen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose &amp;File…</source>
        <translation>&amp;Datei auswählen…</translation>
    </message>
</context>
<context>
    <name>Patchboard::TelemetryExport</name>
    <message>
        <location filename="../views/telemetryexport.cpp" line="+56"/>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a folder you can write to, with free space.</source>
        <translation>Wählen Sie einen Ordner mit Schreibrechten und freiem Speicherplatz.</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>The chart could not be drawn as a picture.</source>
        <translation>Das Diagramm konnte nicht als Bild gezeichnet werden.</translation>
    </message>
</context>
<context>
    <name>Patchboard::TelemetryExportButton</name>
    <message>
        <location filename="../views/telemetryexportbutton.cpp" line="+29"/>
        <source>E&amp;xport</source>
        <translation>E&amp;xportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the chart on screen, its numbers, or the update events behind it</source>
        <translation>Das angezeigte Diagramm, seine Zahlen oder die zugrunde liegenden Update-Ereignisse speichern</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save Chart as &amp;PNG…</source>
        <translation>Diagramm als &amp;PNG speichern…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save Chart as &amp;SVG…</source>
        <translation>Diagramm als &amp;SVG speichern…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save Chart &amp;Data as CSV…</source>
        <translation>Diagramm&amp;daten als CSV speichern…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export Update &amp;Events…</source>
        <translation>Update-&amp;Ereignisse exportieren…</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Save Chart as PNG</source>
        <translation>Diagramm als PNG speichern</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save Chart as SVG</source>
        <translation>Diagramm als SVG speichern</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG-Grafiken (*.svg)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save Chart Data as CSV</source>
        <translation>Diagrammdaten als CSV speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+59"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV-Dateien (*.csv);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="-37"/>
        <location line="+9"/>
        <source>Saved chart to %1.</source>
        <translation>Diagramm in %1 gespeichert.</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>Saved the numbers of “%1” (%Ln row(s)) to %2.</source>
        <translation>
            <numerusform>Die Zahlen von „%1“ (%Ln Zeile) in %2 gespeichert.</numerusform>
            <numerusform>Die Zahlen von „%1“ (%Ln Zeilen) in %2 gespeichert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+26"/>
        <source>Export Update Events</source>
        <translation>Update-Ereignisse exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exporting the update events of %1…</source>
        <translation>Update-Ereignisse für %1 werden exportiert…</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Exported %Ln update event(s) to %1.</source>
        <translation>
            <numerusform>%Ln Update-Ereignis nach %1 exportiert.</numerusform>
            <numerusform>%Ln Update-Ereignisse nach %1 exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Device IDs were replaced with pseudonyms; their random salt was not stored, so they cannot be traced back.</source>
        <translation>Die Geräte-IDs wurden durch Pseudonyme ersetzt; ihr zufälliger Salt wurde nicht gespeichert, daher lassen sie sich nicht zurückverfolgen.</translation>
    </message>
</context>
<context>
    <name>Patchboard::TelemetryFormat</name>
    <message>
        <location filename="../models/telemetryformat.cpp" line="+52"/>
        <source>No reason reported</source>
        <translation>Kein Grund gemeldet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wave %1</source>
        <translation>Welle %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the first event</source>
        <translation>erstes Ereignis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 – now</source>
        <comment>time range without end</comment>
        <translation>%1 – jetzt</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+2"/>
        <source>%1 – %2</source>
        <comment>time range</comment>
        <translation>%1 – %2</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%Ln day(s)</source>
        <translation>
            <numerusform>%Ln Tag</numerusform>
            <numerusform>%Ln Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln hour(s)</source>
        <translation>
            <numerusform>%Ln Stunde</numerusform>
            <numerusform>%Ln Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln minute(s)</source>
        <translation>
            <numerusform>%Ln Minute</numerusform>
            <numerusform>%Ln Minuten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln second(s)</source>
        <translation>
            <numerusform>%Ln Sekunde</numerusform>
            <numerusform>%Ln Sekunden</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Patchboard::TelemetryGroupChart</name>
    <message>
        <location filename="../views/telemetrygroupchart.cpp" line="+39"/>
        <source>Failures by wave</source>
        <translation>Fehler nach Welle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failures by region</source>
        <translation>Fehler nach Region</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failures by hardware model</source>
        <translation>Fehler nach Hardwaremodell</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+10"/>
        <source>Failure rate (%)</source>
        <translation>Fehlerquote (%)</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Failures</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Click to list these devices.</source>
        <translation>Klicken, um diese Geräte aufzulisten.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Click to list the devices that failed or rolled back.</source>
        <translation>Klicken, um die fehlgeschlagenen oder zurückgerollten Geräte aufzulisten.</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Wave</source>
        <translation>Welle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hardware model</source>
        <translation>Hardwaremodell</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (the %2 with the most failures of %3)</source>
        <translation>%1 (die %2 mit den meisten Fehlern von %3)</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>%1: %Ln failure(s), failure rate %2</source>
        <translation>
            <numerusform>%1: %Ln Fehler, Fehlerquote %2</numerusform>
            <numerusform>%1: %Ln Fehler, Fehlerquote %2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(above average)</source>
        <translation>(über dem Durchschnitt)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No results in this range.</source>
        <translation>Keine Ergebnisse in diesem Zeitraum.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, average failure rate %2. %3.</source>
        <translation>%1, durchschnittliche Fehlerquote %2. %3.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%Ln more in the table and the CSV export.</source>
        <translation>
            <numerusform>%Ln weiterer Eintrag in der Tabelle und im CSV-Export.</numerusform>
            <numerusform>%Ln weitere Einträge in der Tabelle und im CSV-Export.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Average failure rate: %1</source>
        <translation>Durchschnittliche Fehlerquote: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Error threshold of wave %1: %2</source>
        <translation>Fehlerschwelle von Welle %1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Error threshold: %1</source>
        <translation>Fehlerschwelle: %1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1: %2</source>
        <comment>outcome: count</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Failure rate: %1 (average %2)</source>
        <translation>Fehlerquote: %1 (Durchschnitt %2)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Failure rate: no results</source>
        <translation>Fehlerquote: keine Ergebnisse</translation>
    </message>
</context>
<context>
    <name>Patchboard::TelemetryGroupModel</name>
    <message>
        <location filename="../models/telemetrygroupmodel.cpp" line="+64"/>
        <source>#%1</source>
        <comment>a model or region without a name</comment>
        <translation>#%1</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>Above the average failure rate of %1.</source>
        <translation>Über der durchschnittlichen Fehlerquote von %1.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Hardware model</source>
        <translation>Hardwaremodell</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wave</source>
        <translation>Welle</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Failures</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failure rate (%)</source>
        <translation>Fehlerquote (%)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>vs. average (points)</source>
        <translation>ggü. Durchschnitt (Prozentpunkte)</translation>
    </message>
</context>
<context>
    <name>Patchboard::TelemetryPage</name>
    <message>
        <location filename="../views/telemetrypage.cpp" line="+74"/>
        <source>Show &amp;Everything</source>
        <translation>Alles anzei&amp;gen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loading telemetry</source>
        <translation>Telemetrie wird geladen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Telemetry summary</source>
        <translation>Telemetrie-Übersicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading update events…</source>
        <translation>Update-Ereignisse werden geladen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Outcomes over Time</source>
        <translation>&amp;Ergebnisse im Zeitverlauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failure &amp;Reasons</source>
        <translation>&amp;Fehlergründe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By Hardware &amp;Model</source>
        <translation>Nach Hardware&amp;modell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By &amp;Wave</source>
        <translation>Nach &amp;Welle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charts</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+9"/>
        <source>Top failing models and regions</source>
        <translation>Modelle und Regionen mit den meisten Fehlern</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>List Devices</source>
        <translation>Geräte auflisten</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Failed or rolled back. ⚠ marks a failure rate above the average. Click a row, a bar or a marker to list the devices.</source>
        <translation>Fehlgeschlagen oder zurückgerollt. ⚠ kennzeichnet eine überdurchschnittliche Fehlerquote. Klicken Sie auf eine Zeile, einen Balken oder eine Markierung, um die Geräte aufzulisten.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>No update events</source>
        <translation>Keine Update-Ereignisse</translation>
    </message>
    <message>
        <location line="+163"/>
        <source>No telemetry service is connected.</source>
        <translation>Kein Telemetriedienst verbunden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Telemetry is not available.</source>
        <translation>Telemetrie ist nicht verfügbar.</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Update events could not be loaded.</source>
        <translation>Die Update-Ereignisse konnten nicht geladen werden.</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>No update events in the fleet yet. They appear here as soon as devices report on an update.</source>
        <translation>Die Flotte hat noch keine Update-Ereignisse. Sie erscheinen hier, sobald Geräte über ein Update berichten.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No update events for %1 yet. They appear here once its first wave has started and devices report.</source>
        <translation>Noch keine Update-Ereignisse für %1. Sie erscheinen hier, sobald die erste Welle gestartet ist und Geräte berichten.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No update events for %1 yet. They appear here once a rollout of it has started and devices report.</source>
        <translation>Noch keine Update-Ereignisse für %1. Sie erscheinen hier, sobald ein Rollout dieses Releases gestartet ist und Geräte berichten.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No update events between %1 and %2; the fleet&apos;s first event is %3, its latest %4.</source>
        <translation>Keine Update-Ereignisse zwischen %1 und %2; das erste Ereignis der Flotte ist vom %3, das letzte vom %4.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No update events between %1 and %2; the rollout&apos;s first event is %3, its latest %4.</source>
        <translation>Keine Update-Ereignisse zwischen %1 und %2; das erste Ereignis des Rollouts ist vom %3, das letzte vom %4.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No update events between %1 and %2; the release&apos;s first event is %3, its latest %4.</source>
        <translation>Keine Update-Ereignisse zwischen %1 und %2; das erste Ereignis des Releases ist vom %3, das letzte vom %4.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1, %2: no update events.</source>
        <translation>%1, %2: keine Update-Ereignisse.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1, %2: %Ln result(s)</source>
        <translation>
            <numerusform>%1, %2: %Ln Ergebnis</numerusform>
            <numerusform>%1, %2: %Ln Ergebnisse</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(%1 succeeded, %2 failed, %3 rolled back; failure rate %4), %5 postponed.</source>
        <translation>(%1 erfolgreich, %2 fehlgeschlagen, %3 zurückgerollt; Fehlerquote %4), %5 verschoben.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Error threshold of wave %1: %2.</source>
        <translation>Fehlerschwelle von Welle %1: %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Error threshold: %1.</source>
        <translation>Fehlerschwelle: %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The failure rate is above it.</source>
        <translation>Die Fehlerquote liegt darüber.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>any outcome</source>
        <translation>beliebiges Ergebnis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed or rolled back</source>
        <translation>fehlgeschlagen oder zurückgerollt</translation>
    </message>
</context>
<context>
    <name>Patchboard::TelemetryQueryBar</name>
    <message>
        <location filename="../views/telemetryquerybar.cpp" line="+28"/>
        <source>F&amp;rom:</source>
        <translation>&amp;Von:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;To:</source>
        <translation>&amp;Bis:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Show:</source>
        <translation>&amp;Anzeigen:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scope</source>
        <translation>Bereich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The whole fleet, one rollout (▶ marks active ones) or every rollout of a release</source>
        <translation>Die gesamte Flotte, ein Rollout (▶ kennzeichnet aktive) oder alle Rollouts eines Releases</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Range:</source>
        <translation>&amp;Zeitraum:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time range</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relative ranges end at the scope&apos;s latest event: simulated clocks run ahead of this computer&apos;s.</source>
        <translation>Relative Zeiträume enden beim letzten Ereignis des gewählten Bereichs: Simulierte Uhren laufen der Uhr dieses Computers voraus.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Range start (local time)</source>
        <translation>Beginn des Zeitraums (Ortszeit)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Range end (local time, exclusive)</source>
        <translation>Ende des Zeitraums (Ortszeit, ausschließlich)</translation>
    </message>
    <message>
        <location line="+40"/>
        <location line="+32"/>
        <source>Whole fleet</source>
        <translation>Gesamte Flotte</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Rollout %1</source>
        <translation>Rollout %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Release %1</source>
        <translation>Release %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rollout #%1</source>
        <translation>Rollout #%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Release #%1</source>
        <translation>Release #%1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Rollouts</source>
        <translation>Rollouts</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Releases</source>
        <translation>Releases</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 — %2</source>
        <comment>rollout name, state</comment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>The range must start before it ends.</source>
        <translation>Der Beginn des Zeitraums muss vor seinem Ende liegen.</translation>
    </message>
</context>
<context>
    <name>Patchboard::TelemetryRange</name>
    <message>
        <location filename="../models/telemetryrange.cpp" line="+65"/>
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Everything</source>
        <translation>Gesamter Zeitraum</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Custom…</source>
        <translation>Benutzerdefiniert…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the last hour up to %1</source>
        <translation>letzte Stunde bis %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the last 24 hours up to %1</source>
        <translation>letzte 24 Stunden bis %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the last 7 days up to %1</source>
        <translation>letzte 7 Tage bis %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the last 30 days up to %1</source>
        <translation>letzte 30 Tage bis %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>all time</source>
        <translation>gesamter Zeitraum</translation>
    </message>
</context>
<context>
    <name>Patchboard::TelemetryReasonChart</name>
    <message>
        <location filename="../views/telemetryreasonchart.cpp" line="+26"/>
        <source>Failure reasons</source>
        <translation>Fehlergründe</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Updates</source>
        <translation>Updates</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Click to list these devices.</source>
        <translation>Klicken, um diese Geräte aufzulisten.</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>%1 (%2): %3</source>
        <comment>reason (outcome): count</comment>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No failures or postponements in this range.</source>
        <translation>Keine Fehler oder Verschiebungen in diesem Zeitraum.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failure reasons, most first: %1.</source>
        <translation>Fehlergründe, häufigste zuerst: %1.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1: %2</source>
        <comment>outcome: count</comment>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Patchboard::TelemetryReasonModel</name>
    <message>
        <location filename="../models/telemetryreasonmodel.cpp" line="+102"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Updates</source>
        <translation>Updates</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share (%)</source>
        <translation>Anteil (%)</translation>
    </message>
</context>
<context>
    <name>Patchboard::TelemetryStore</name>
    <message>
        <location filename="../services/telemetry/telemetrystore.cpp" line="+146"/>
        <source>read the hardware models</source>
        <translation>Lesen der Hardwaremodelle</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>read the regions</source>
        <translation>Lesen der Regionen</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>read the release&apos;s rollouts</source>
        <translation>Lesen der Rollouts des Releases</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>read the rollouts</source>
        <translation>Lesen der Rollouts</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>read the releases</source>
        <translation>Lesen der Releases</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+216"/>
        <location line="+45"/>
        <source>read the update events</source>
        <translation>Lesen der Update-Ereignisse</translation>
    </message>
    <message>
        <location line="-205"/>
        <source>read the outcomes over time</source>
        <translation>Lesen der Ergebnisse im Zeitverlauf</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>read the failure breakdown</source>
        <translation>Lesen der Fehleraufschlüsselung</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>read the rollout&apos;s waves</source>
        <translation>Lesen der Wellen des Rollouts</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>find the devices behind the chart</source>
        <translation>Ermitteln der Geräte hinter dem Diagramm</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+56"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>The export was cancelled; no file was written.</source>
        <translation>Der Export wurde abgebrochen; es wurde keine Datei geschrieben.</translation>
    </message>
</context>
<context>
    <name>Patchboard::TelemetryTimelineChart</name>
    <message>
        <location filename="../views/telemetrytimelinechart.cpp" line="+30"/>
        <source>Outcomes over time</source>
        <translation>Ergebnisse im Zeitverlauf</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+13"/>
        <source>Failure rate (%)</source>
        <translation>Fehlerquote (%)</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Time (local)</source>
        <translation>Zeit (lokal)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Updates</source>
        <translation>Updates</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Click to list these devices.</source>
        <translation>Klicken, um diese Geräte aufzulisten.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Click to list the devices that failed or rolled back in this period.</source>
        <translation>Klicken, um die in diesem Zeitraum fehlgeschlagenen oder zurückgerollten Geräte aufzulisten.</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Error threshold of wave %1: %2</source>
        <translation>Fehlerschwelle von Welle %1: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Error threshold: %1</source>
        <translation>Fehlerschwelle: %1</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>No update outcomes in this range.</source>
        <translation>Keine Update-Ergebnisse in diesem Zeitraum.</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%Ln period(s) of %1 from %2: %3 succeeded, %4 failed, %5 rolled back, %6 postponed.</source>
        <translation>
            <numerusform>%Ln Intervall von %1, %2: %3 erfolgreich, %4 fehlgeschlagen, %5 zurückgerollt, %6 verschoben.</numerusform>
            <numerusform>%Ln Intervalle von je %1, %2: %3 erfolgreich, %4 fehlgeschlagen, %5 zurückgerollt, %6 verschoben.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Failure rate overall %1.</source>
        <translation>Fehlerquote insgesamt %1.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Highest failure rate %1 in %2.</source>
        <translation>Höchste Fehlerquote %1 im Intervall %2.</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>Error threshold %1, exceeded in %Ln period(s).</source>
        <translation>
            <numerusform>Fehlerschwelle %1, überschritten in %Ln Intervall.</numerusform>
            <numerusform>Fehlerschwelle %1, überschritten in %Ln Intervallen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>%1: %2</source>
        <comment>outcome: count</comment>
        <translation>%1: %2</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Failure rate: %1 of %Ln result(s)</source>
        <translation>
            <numerusform>Fehlerquote: %1 von %Ln Ergebnis</numerusform>
            <numerusform>Fehlerquote: %1 von %Ln Ergebnissen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failure rate: no results</source>
        <translation>Fehlerquote: keine Ergebnisse</translation>
    </message>
</context>
<context>
    <name>Patchboard::TelemetryTimelineModel</name>
    <message>
        <location filename="../models/telemetrytimelinemodel.cpp" line="+128"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failure rate (%)</source>
        <translation>Fehlerquote (%)</translation>
    </message>
</context>
<context>
    <name>Patchboard::TelemetryTopFailuresModel</name>
    <message>
        <location filename="../models/telemetrytopfailuresmodel.cpp" line="+71"/>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1 failed, %2 rolled back of %3 results (average failure rate %4).
Click to list these devices.</source>
        <translation>%1 fehlgeschlagen, %2 zurückgerollt von %3 Ergebnissen (durchschnittliche Fehlerquote %4).
Klicken, um diese Geräte aufzulisten.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Model or region</source>
        <translation>Modell oder Region</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failures</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failure rate</source>
        <translation>Fehlerquote</translation>
    </message>
</context>
<context>
    <name>Patchboard::TestPlan</name>
    <message>
        <location filename="../services/domain/releasetestplan.cpp" line="+102"/>
        <source>Boot</source>
        <translation>Booten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Voice call</source>
        <translation>Sprachanruf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Emergency call</source>
        <translation>Notruf</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Update resume after power loss</source>
        <translation>Update-Fortsetzung nach Stromausfall</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>pending</source>
        <translation>ausstehend</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>passed</source>
        <translation>bestanden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>blocked</source>
        <translation>blockiert</translation>
    </message>
</context>
<context>
    <name>Patchboard::TestPlanModel</name>
    <message>
        <location filename="../models/testplanmodel.cpp" line="+44"/>
        <source>%1 (%2, %3)</source>
        <comment>waiver reason (by, at)</comment>
        <translation>%1 (%2, %3)</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Approval needs this case passed or waived.</source>
        <translation>Für die Genehmigung muss dieser Testfall bestanden oder ausgenommen sein.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test case</source>
        <translation>Testfall</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recorded by</source>
        <translation>Erfasst von</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recorded at</source>
        <translation>Erfasst am</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiver</source>
        <translation>Ausnahme</translation>
    </message>
</context>
<context>
    <name>Patchboard::TestPlanView</name>
    <message>
        <location filename="../views/testplanview.cpp" line="+23"/>
        <source>&amp;Record Result…</source>
        <translation>Ergebnis &amp;erfassen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Waive…</source>
        <translation>Au&amp;snehmen…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Test plan</source>
        <translation>Testplan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Double-click a case to record its result.</source>
        <translation>Doppelklicken Sie auf einen Testfall, um sein Ergebnis zu erfassen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accept a case that did not pass, with a reason. The waiver is recorded and audited.</source>
        <translation>Einen nicht bestandenen Testfall mit Begründung akzeptieren. Die Ausnahme wird erfasst und im Audit-Protokoll vermerkt.</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>No test plan: a release gets one when it passes verification.</source>
        <translation>Kein Testplan: Ein Release erhält einen, sobald es die Prüfung besteht.</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>All %Ln case(s) passed or waived.</source>
        <translation>
            <numerusform>%Ln Testfall bestanden oder ausgenommen.</numerusform>
            <numerusform>Alle %Ln Testfälle bestanden oder ausgenommen.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1 of %Ln case(s) passed or waived; approval needs all.</source>
        <translation>
            <numerusform>%1 von %Ln Testfall bestanden oder ausgenommen; für die Genehmigung müssen es alle sein.</numerusform>
            <numerusform>%1 von %Ln Testfällen bestanden oder ausgenommen; für die Genehmigung müssen es alle sein.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+29"/>
        <location line="+4"/>
        <source>Select a test case first.</source>
        <translation>Wählen Sie zuerst einen Testfall aus.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This case passed or is waived already.</source>
        <translation>Dieser Testfall ist bereits bestanden oder ausgenommen.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Waive Test Case</source>
        <translation>Testfall ausnehmen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accept “%1” on %2 without a pass (now: %3). Approval then treats it as done; the waiver and its reason are recorded.</source>
        <translation>„%1“ auf %2 ohne bestandenen Test akzeptieren (aktuell: %3). Für die Genehmigung gilt der Testfall dann als erledigt; die Ausnahme und ihr Grund werden erfasst.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Waive</source>
        <translation>Ausnehmen</translation>
    </message>
</context>
<context>
    <name>Patchboard::TestResultDialog</name>
    <message>
        <location filename="../views/testresultdialog.cpp" line="+30"/>
        <source>Record Test Result</source>
        <translation>Testergebnis erfassen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2</source>
        <comment>model: test case</comment>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Passed</source>
        <translation>&amp;Bestanden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Failed</source>
        <translation>&amp;Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Blocked</source>
        <translation>B&amp;lockiert</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Test case:</source>
        <translation>&amp;Testfall:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recorded now:</source>
        <translation>Aktuell erfasst:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result:</source>
        <translation>Ergebnis:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Note:</source>
        <translation>&amp;Notiz:</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Record</source>
        <translation>Erfassen</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Not run yet.</source>
        <translation>Noch nicht ausgeführt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, by %2 at %3. A new result replaces it.</source>
        <translation>%1, von %2 am %3. Ein neues Ergebnis ersetzt es.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Required: say what failed or what blocked the test.</source>
        <translation>Erforderlich: Beschreiben Sie, was fehlgeschlagen ist oder was den Test blockiert hat.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optional: device build, SIM, network used.</source>
        <translation>Optional: Geräte-Build, SIM, verwendetes Netz.</translation>
    </message>
</context>
<context>
    <name>Patchboard::TrackerRoutes</name>
    <message>
        <location filename="../services/api/trackerroutes.cpp" line="+74"/>
        <source>&quot;%1&quot; is not a device id.</source>
        <translation>„%1“ ist keine Geräte-ID.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Devices are addressed by their numeric id, the &quot;id&quot; of GET /api/v1/devices.</source>
        <translation>Geräte werden über ihre numerische ID angesprochen, die „id“ aus GET /api/v1/devices.</translation>
    </message>
</context>
<context>
    <name>Patchboard::TrustKeyStore</name>
    <message>
        <location filename="../services/firmware/trustkeystore.cpp" line="+52"/>
        <location line="+15"/>
        <location line="+84"/>
        <location line="+22"/>
        <location line="+14"/>
        <source>read the trusted keys</source>
        <translation>Lesen der vertrauenswürdigen Schlüssel</translation>
    </message>
    <message>
        <location line="-102"/>
        <location line="+15"/>
        <source>read the vendors</source>
        <translation>Lesen der Vendors</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>A vendor ID is a 16-byte UUID (RFC 9124), not %1.</source>
        <translation>Eine Vendor-ID ist eine 16-Byte-UUID (RFC 9124), nicht %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>read the manufacturers</source>
        <translation>Lesen der Hersteller</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>There is no manufacturer %1.</source>
        <translation>Es gibt keinen Hersteller %1.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Vendor ID %1 is already registered for another manufacturer.</source>
        <translation>Vendor-ID %1 ist bereits für einen anderen Hersteller registriert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A vendor ID belongs to one manufacturer; check the ID.</source>
        <translation>Eine Vendor-ID gehört zu genau einem Hersteller; prüfen Sie die ID.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>register the vendor</source>
        <translation>Registrieren des Vendors</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The key %1 is already trusted for vendor %2.</source>
        <translation>Der Schlüssel %1 ist für Vendor %2 bereits vertrauenswürdig.</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+4"/>
        <source>add the key</source>
        <translation>Hinzufügen des Schlüssels</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The new key was not found.</source>
        <translation>Der neue Schlüssel wurde nicht gefunden.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Key %1 is not in the trust store.</source>
        <translation>Schlüssel %1 ist nicht im Vertrauensspeicher.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>remove the key</source>
        <translation>Entfernen des Schlüssels</translation>
    </message>
</context>
<context>
    <name>Patchboard::TrustStoreDialog</name>
    <message>
        <location filename="../views/truststoredialog.cpp" line="+31"/>
        <source>&amp;Add Key from PEM File…</source>
        <translation>Schlüssel aus PEM-Datei &amp;hinzufügen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove Key…</source>
        <translation>Schlüssel &amp;entfernen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Author Trust Store</source>
        <translation>Vertrauensspeicher für Autorenschlüssel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Releases verify only with a key trusted for the vendor ID their manifest names. Changes here are recorded in the audit log.</source>
        <translation>Releases werden nur mit einem Schlüssel verifiziert, der für die in ihrem Manifest genannte Vendor-ID vertrauenswürdig ist. Änderungen hier werden im Audit-Protokoll erfasst.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Trusted keys</source>
        <translation>Vertrauenswürdige Schlüssel</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Select a key first.</source>
        <translation>Wählen Sie zuerst einen Schlüssel aus.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No device tracker is connected: the manufacturers are unknown.</source>
        <translation>Kein Geräte-Tracker verbunden: Die Hersteller sind unbekannt.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Trusted the key %1 for %2.</source>
        <translation>Schlüssel %1 für %2 als vertrauenswürdig hinzugefügt.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Remove Trusted Key</source>
        <translation>Vertrauenswürdigen Schlüssel entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the key %1 (%2) of %3? Releases signed with it stop verifying at once: open ones can no longer be approved.</source>
        <translation>Den Schlüssel %1 (%2) von %3 entfernen? Damit signierte Releases lassen sich ab sofort nicht mehr verifizieren: Offene Releases können nicht mehr genehmigt werden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove Key</source>
        <translation>Schlüssel entfernen</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Removed the key %1 from the trust store.</source>
        <translation>Schlüssel %1 aus dem Vertrauensspeicher entfernt.</translation>
    </message>
</context>
<context>
    <name>Patchboard::TrustedKeyModel</name>
    <message>
        <location filename="../models/trustedkeymodel.cpp" line="+70"/>
        <source>SHA-256 of the public key (DER SubjectPublicKeyInfo), as patchboard-author keygen prints it</source>
        <translation>SHA-256 des öffentlichen Schlüssels (DER SubjectPublicKeyInfo), wie patchboard-author keygen ihn ausgibt</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Manufacturer</source>
        <translation>Hersteller</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vendor ID</source>
        <translation>Vendor-ID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fingerprint</source>
        <translation>Fingerabdruck</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Label</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Added by</source>
        <translation>Hinzugefügt von</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Added</source>
        <translation>Hinzugefügt am</translation>
    </message>
</context>
<context>
    <name>Patchboard::UpdateHistoryModel</name>
    <message>
        <location filename="../models/updatehistorymodel.cpp" line="+53"/>
        <location line="+38"/>
        <source>Rollout %1</source>
        <translation>Rollout %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rollout</source>
        <translation>Rollout</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wave</source>
        <translation>Welle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phase</source>
        <translation>Phase</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To</source>
        <translation>Nach</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
</context>
<context>
    <name>Patchboard::UpdateOutcome</name>
    <message>
        <location filename="../services/domain/updateoutcome.cpp" line="+56"/>
        <source>Offer</source>
        <translation>Angebot</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Download</source>
        <translation>Download</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Verify</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Install</source>
        <translation>Installation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reboot</source>
        <translation>Neustart</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rolled back</source>
        <translation>Zurückgerollt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Postponed</source>
        <translation>Verschoben</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Download timed out</source>
        <translation>Zeitüberschreitung beim Download</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Digest mismatch</source>
        <translation>Digest stimmt nicht überein</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signature refused</source>
        <translation>Signatur abgewiesen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Insufficient storage</source>
        <translation>Nicht genügend Speicherplatz</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Low battery</source>
        <translation>Akku schwach</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Install failed</source>
        <translation>Installation fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Boot failed</source>
        <translation>Booten fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>Patchboard::VulnerabilityModel</name>
    <message>
        <location filename="../models/vulnerabilitymodel.cpp" line="+65"/>
        <source>CVE</source>
        <translation>CVE</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Severity</source>
        <translation>Schweregrad</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fixed at</source>
        <translation>Behoben im Patch-Stand</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Component</source>
        <translation>Komponente</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bulletin record</source>
        <translation>Bulletin-Eintrag</translation>
    </message>
</context>
<context>
    <name>Patchboard::WallBoard</name>
    <message>
        <location filename="../views/wallboard.cpp" line="+31"/>
        <source>Rollouts not shown</source>
        <translation>Nicht angezeigte Rollouts</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>%1 (%2)</source>
        <comment>rollout name, state</comment>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n more rollout(s) not shown: %1</source>
        <translation>
            <numerusform>%n weiterer Rollout nicht angezeigt: %1</numerusform>
            <numerusform>%n weitere Rollouts nicht angezeigt: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Patchboard::WallFormat</name>
    <message>
        <location filename="../views/wallformat.cpp" line="+92"/>
        <source>HALTED</source>
        <comment>rollout state on the wall screen</comment>
        <translation>ANGEHALTEN</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Failure rate %1 · threshold %2</source>
        <comment>failure rate, error threshold</comment>
        <translation>Fehlerquote %1 · Schwellenwert %2</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>Threshold applies from %Ln result(s); %1 so far</source>
        <translation>
            <numerusform>Schwellenwert gilt ab %Ln Ergebnis; bisher %1</numerusform>
            <numerusform>Schwellenwert gilt ab %Ln Ergebnissen; bisher %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%1 of %Ln device(s) updated</source>
        <translation>
            <numerusform>%1 von %Ln Gerät aktualisiert</numerusform>
            <numerusform>%1 von %Ln Geräten aktualisiert</numerusform>
        </translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Starts %1</source>
        <translation>Startet %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Starts as soon as the rollout service runs it</source>
        <translation>Startet, sobald der Rollout-Dienst ihn ausführt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Waiting for an operator to continue to wave %1</source>
        <translation>Wartet darauf, dass ein Bediener mit Welle %1 fortfährt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Wave %1 starts at %2, after soaking</source>
        <translation>Welle %1 startet um %2, nach Ablauf der Beobachtungszeit</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Finished %1</source>
        <translation>Beendet %1</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>%Ln running</source>
        <translation>
            <numerusform>%Ln läuft</numerusform>
            <numerusform>%Ln laufen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <location line="+2"/>
        <source>%Ln halted</source>
        <translation>
            <numerusform>%Ln angehalten</numerusform>
            <numerusform>%Ln angehalten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln paused</source>
        <translation>
            <numerusform>%Ln pausiert</numerusform>
            <numerusform>%Ln pausiert</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln scheduled</source>
        <translation>
            <numerusform>%Ln geplant</numerusform>
            <numerusform>%Ln geplant</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rollout %1 of release %2: %3.</source>
        <translation>Rollout %1 von Release %2: %3.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Halted because: %1.</source>
        <translation>Angehalten, Grund: %1.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: %2; %3 succeeded, %4 failed, %5 in progress, %6 pending.</source>
        <comment>wave name, wave state, counts</comment>
        <translation>%1: %2; %3 erfolgreich, %4 fehlgeschlagen, %5 in Bearbeitung, %6 ausstehend.</translation>
    </message>
</context>
<context>
    <name>Patchboard::WallHeader</name>
    <message>
        <location filename="../views/wallheader.cpp" line="+24"/>
        <source>Active rollouts</source>
        <translation>Aktive Rollouts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rollout clock</source>
        <translation>Rollout-Uhr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last update</source>
        <translation>Letzte Aktualisierung</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 · %2</source>
        <comment>date, which clock</comment>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>simulated rollout clock</source>
        <translation>simulierte Rollout-Uhr</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>rollout clock</source>
        <translation>Rollout-Uhr</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Not updated yet</source>
        <translation>Noch nicht aktualisiert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stale · updated %1</source>
        <translation>Veraltet · aktualisiert %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Updated %1</source>
        <translation>Aktualisiert %1</translation>
    </message>
</context>
<context>
    <name>Patchboard::WallLegend</name>
    <message>
        <location filename="../views/walllegend.cpp" line="+26"/>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress</source>
        <translation>In Bearbeitung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Esc or F11 leaves the wall screen</source>
        <translation>Esc oder F11 beendet die Wandanzeige</translation>
    </message>
</context>
<context>
    <name>Patchboard::WallScreen</name>
    <message>
        <location filename="../views/wallscreen.cpp" line="+48"/>
        <source>Patchboard — Wall Screen</source>
        <translation>Patchboard — Wandanzeige</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wall screen</source>
        <translation>Wandanzeige</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The active rollouts, halted ones first. Read only; press Escape to leave.</source>
        <translation>Die aktiven Rollouts, angehaltene zuerst. Nur lesend; drücken Sie Esc zum Beenden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+152"/>
        <source>No rollout service is connected.</source>
        <translation>Kein Rollout-Dienst verbunden.</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Rollouts could not be loaded</source>
        <translation>Rollouts konnten nicht geladen werden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The wall screen tries again by itself.</source>
        <translation>Die Wandanzeige versucht es automatisch erneut.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loading rollouts…</source>
        <translation>Rollouts werden geladen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No active rollouts</source>
        <translation>Keine aktiven Rollouts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing is scheduled, running, paused or halted. Rollouts appear here by themselves when a rollout manager schedules one.</source>
        <translation>Nichts ist geplant, läuft, pausiert oder angehalten. Rollouts erscheinen hier automatisch, sobald ein Rollout-Manager einen plant.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Rollouts could not be refreshed; showing the data of %1. %2</source>
        <translation>Rollouts konnten nicht aktualisiert werden; angezeigt werden die Daten von %1. %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rollouts could not be loaded. %1</source>
        <translation>Rollouts konnten nicht geladen werden. %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No answer from the rollout service since %1: the data shown may be out of date.</source>
        <translation>Seit %1 keine Antwort vom Rollout-Dienst: Die angezeigten Daten sind möglicherweise veraltet.</translation>
    </message>
</context>
<context>
    <name>Patchboard::WallTile</name>
    <message>
        <location filename="../views/walltile.cpp" line="+48"/>
        <source>Release</source>
        <translation>Release</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Halt reason</source>
        <translation>Grund für das Anhalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failure rate</source>
        <translation>Fehlerquote</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Devices updated</source>
        <translation>Aktualisierte Geräte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Threshold note</source>
        <translation>Hinweis zum Schwellenwert</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>The rollout service gave no reason.</source>
        <translation>Der Rollout-Dienst hat keinen Grund angegeben.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1, %2</source>
        <comment>rollout name, state</comment>
        <translation>%1, %2</translation>
    </message>
    <message>
        <location line="+39"/>
        <location line="+3"/>
        <source>All waves</source>
        <translation>Alle Wellen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1, %2</source>
        <comment>wave name, wave state</comment>
        <translation>%1, %2</translation>
    </message>
</context>
<context>
    <name>Patchboard::WavePlanEditor</name>
    <message>
        <location filename="../views/waveplaneditor.cpp" line="+48"/>
        <source>Add &amp;Wave</source>
        <translation>Welle &amp;hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;move Wave</source>
        <translation>Welle &amp;entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset to &amp;Default</source>
        <translation>Auf &amp;Standard zurücksetzen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Succeeds at</source>
        <translation>Erfolg ab</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Halts above</source>
        <translation>Anhalten über</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From results</source>
        <translation>Ab Ergebnissen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Soak</source>
        <translation>Beobachtungszeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manual gate</source>
        <translation>Manuelle Freigabe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A share of all targets, a number of devices, or every device left (last wave only).</source>
        <translation>Ein Anteil aller Ziele, eine Anzahl von Geräten oder alle übrigen Geräte (nur letzte Welle).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The percentage or the number of devices.</source>
        <translation>Der Prozentsatz oder die Anzahl der Geräte.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The wave succeeded when this share of its devices updated.</source>
        <translation>Die Welle ist erfolgreich, wenn dieser Anteil ihrer Geräte aktualisiert wurde.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The rollout halts when more than this share of the wave&apos;s results are failures.</source>
        <translation>Der Rollout wird angehalten, wenn mehr als dieser Anteil der Ergebnisse der Welle Fehlschläge sind.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The error threshold applies once this many devices reported a result.</source>
        <translation>Die Fehlerschwelle greift, sobald so viele Geräte ein Ergebnis gemeldet haben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After success, wait this long before the next wave starts.</source>
        <translation>Nach dem Erfolg so lange warten, bevor die nächste Welle startet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After soaking, wait for an operator to continue to the next wave.</source>
        <translation>Nach der Beobachtungszeit warten, bis ein Bediener zur nächsten Welle fortfährt.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Waves</source>
        <translation>Wellen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a wave after the selected one</source>
        <translation>Eine Welle nach der ausgewählten hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+250"/>
        <source>Remove the selected wave</source>
        <translation>Die ausgewählte Welle entfernen</translation>
    </message>
    <message>
        <location line="-249"/>
        <location line="+235"/>
        <source>Canary 1%, then 10%, 50% and the rest</source>
        <translation>Kanarienwelle 1 %, dann 10 %, 50 % und der Rest</translation>
    </message>
    <message>
        <location line="-181"/>
        <source>Percent of targets</source>
        <translation>Prozent der Ziele</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of devices</source>
        <translation>Anzahl der Geräte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The rest</source>
        <translation>Der Rest</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wave %1 size</source>
        <translation>Größe von Welle %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Wave %1 size value</source>
        <translation>Größenwert von Welle %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Wave %1 success threshold</source>
        <translation>Erfolgsschwelle von Welle %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wave %1 error threshold</source>
        <translation>Fehlerschwelle von Welle %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wave %1 minimum results</source>
        <translation>Mindestzahl an Ergebnissen von Welle %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> min</source>
        <comment>minutes suffix</comment>
        <translation> min</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wave %1 soak minutes</source>
        <translation>Beobachtungszeit von Welle %1 in Minuten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wave %1 manual gate</source>
        <translation>Manuelle Freigabe von Welle %1</translation>
    </message>
    <message>
        <location line="+70"/>
        <source> devices</source>
        <comment>wave size suffix</comment>
        <translation> Geräte</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>The default waves set in Settings (Rollouts)</source>
        <translation>Die in den Einstellungen (Rollouts) festgelegten Standardwellen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>A rollout has at least one wave.</source>
        <translation>Ein Rollout hat mindestens eine Welle.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a wave to remove it.</source>
        <translation>Wählen Sie eine Welle aus, um sie zu entfernen.</translation>
    </message>
</context>
<context>
    <name>Patchboard::WaveProgressTable</name>
    <message>
        <location filename="../views/waveprogresstable.cpp" line="+21"/>
        <source>Wave</source>
        <translation>Welle</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In progress</source>
        <translation>In Bearbeitung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Next wave</source>
        <translation>Nächste Welle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 succeeded (solid), %2 failed (hatched), %3 in progress (dotted), %4 pending (empty)</source>
        <translation>%1 erfolgreich (ausgefüllt), %2 fehlgeschlagen (schraffiert), %3 in Bearbeitung (gepunktet), %4 ausstehend (leer)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Waves</source>
        <translation>Wellen</translation>
    </message>
    <message numerus="yes">
        <location line="+40"/>
        <source>%Ln rolled back</source>
        <translation>
            <numerusform>%Ln zurückgerollt</numerusform>
            <numerusform>%Ln zurückgerollt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln postponed</source>
        <translation>
            <numerusform>%Ln verschoben</numerusform>
            <numerusform>%Ln verschoben</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>When an operator continues</source>
        <translation>Wenn ein Bediener fortfährt</translation>
    </message>
</context>
<context>
    <name>Patchboard::ZipReader</name>
    <message>
        <location filename="../services/firmware/zipreader.cpp" line="+60"/>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 is not a ZIP archive Patchboard can read: %2</source>
        <translation>%1 ist kein ZIP-Archiv, das Patchboard lesen kann: %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>it is too small.</source>
        <translation>Die Datei ist zu klein.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>there is no end of central directory record.</source>
        <translation>Es gibt keinen End-of-Central-Directory-Eintrag.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>multi-disk archives are not supported.</source>
        <translation>Mehrteilige Archive werden nicht unterstützt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ZIP64 archives are not supported.</source>
        <translation>ZIP64-Archive werden nicht unterstützt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it has more than %1 entries.</source>
        <translation>Das Archiv enthält mehr als %1 Einträge.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the central directory lies outside the file.</source>
        <translation>Das zentrale Verzeichnis liegt außerhalb der Datei.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the central directory cannot be read.</source>
        <translation>Das zentrale Verzeichnis kann nicht gelesen werden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+13"/>
        <source>central directory entry %1 is damaged.</source>
        <translation>Eintrag %1 des zentralen Verzeichnisses ist beschädigt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is encrypted.</source>
        <translation>%1 ist verschlüsselt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 lies outside the file.</source>
        <translation>%1 liegt außerhalb der Datei.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 in %2 cannot be read: %3</source>
        <translation>%1 in %2 kann nicht gelesen werden: %3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it is larger than %1 MiB.</source>
        <translation>Der Eintrag ist größer als %1 MiB.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>compression method %1 is not supported.</source>
        <translation>Die Kompressionsmethode %1 wird nicht unterstützt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>its local header is damaged.</source>
        <translation>Der lokale Header ist beschädigt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>its data lies outside the file.</source>
        <translation>Die Daten liegen außerhalb der Datei.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>its data is cut short.</source>
        <translation>Die Daten sind unvollständig.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>zlib could not start.</source>
        <translation>zlib konnte nicht gestartet werden.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>its compressed data is damaged or larger than declared.</source>
        <translation>Die komprimierten Daten sind beschädigt oder größer als angegeben.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>its size does not match the directory.</source>
        <translation>Die Größe stimmt nicht mit dem Verzeichnis überein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>its CRC-32 does not match.</source>
        <translation>Die CRC-32-Prüfsumme stimmt nicht überein.</translation>
    </message>
</context>
<context>
    <name>Tr</name>
    <message>
        <location filename="../services/rollout/devicegateway.cpp" line="-1104"/>
        <source>The device gateway is not open.</source>
        <translation>Das Geräte-Gateway ist nicht geöffnet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try again in a moment.</source>
        <translation>Versuchen Sie es gleich noch einmal.</translation>
    </message>
</context>
</TS>
