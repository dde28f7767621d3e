<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>InitProjectDialog</name>
    <message>
        <source>Set up a project</source>
        <translation>Projekt einrichten</translation>
    </message>
    <message>
        <source>Sandbox &amp;name:</source>
        <translation>Sandbox-&amp;Name:</translation>
    </message>
    <message>
        <source>Sandbox ID:</source>
        <translation>Sandbox-ID:</translation>
    </message>
    <message>
        <source>Files to create (existing files are kept)</source>
        <translation>Anzulegende Dateien (vorhandene bleiben unverändert)</translation>
    </message>
    <message>
        <source>&amp;Build the sandbox image now (takes a few minutes)</source>
        <translation>Sandbox-Image jetzt &amp;bauen (dauert einige Minuten)</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Container engine</source>
        <translation>Container-Engine</translation>
    </message>
    <message>
        <source>&amp;Use:</source>
        <translation>&amp;Verwenden:</translation>
    </message>
    <message>
        <source>&amp;Program:</source>
        <translation>&amp;Programm:</translation>
    </message>
    <message>
        <source>/usr/local/bin/docker</source>
        <translation>/usr/local/bin/docker</translation>
    </message>
    <message>
        <source>Behaviour</source>
        <translation>Verhalten</translation>
    </message>
    <message>
        <source>Start OpenCode Sandbox when I &amp;log in</source>
        <translation>OpenCode Sandbox beim Anmelden &amp;starten</translation>
    </message>
    <message>
        <source>Show &amp;notifications (builds, starts, failures)</source>
        <translation>&amp;Benachrichtigungen anzeigen (Builds, Starts, Fehler)</translation>
    </message>
    <message>
        <source>&amp;Ask on quit whether to stop running sandboxes</source>
        <translation>Beim Beenden &amp;fragen, ob laufende Sandboxen gestoppt werden sollen</translation>
    </message>
    <message>
        <source>Web UI</source>
        <translation>Web-Oberfläche</translation>
    </message>
    <message>
        <source>Open in my &amp;browser</source>
        <translation>In meinem Br&amp;owser öffnen</translation>
    </message>
    <message>
        <source>Open in a window of this app (&amp;embedded)</source>
        <translation>In einem Fenster dieser App öffnen (&amp;eingebettet)</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation>Sp&amp;rache:</translation>
    </message>
    <message>
        <source>Notify when a sandbox&apos;s network request is &amp;blocked (a new host)</source>
        <translation>Benachrichtigen, wenn eine Netzwerkanfrage einer Sandbox b&amp;lockiert wird (neuer Host)</translation>
    </message>
    <message>
        <source>Share my &amp;OpenCode settings with the sandboxes (read-only, no credentials)</source>
        <translation>&amp;OpenCode-Einstellungen mit den Sandboxen teilen (nur lesend, ohne Zugangsdaten)</translation>
    </message>
    <message>
        <source>A copy of ~/.config/opencode (agents, commands, themes, opencode.json), made at each start, read-only inside; auth.json, keys, tokens and .env files stay out. A project&apos;s share-opencode-settings: false keeps it out of that project. Takes effect at the next start.</source>
        <translation>Eine Kopie von ~/.config/opencode (Agenten, Befehle, Themes, opencode.json), bei jedem Start angelegt, in der Sandbox nur lesbar; auth.json, Schlüssel, Tokens und .env-Dateien bleiben draußen. share-opencode-settings: false in einem Projekt hält sie aus diesem Projekt heraus. Wirkt ab dem nächsten Start.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Project settings</source>
        <translation>Projekteinstellungen</translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation>&amp;Allgemein</translation>
    </message>
    <message>
        <source>Sandbox &amp;name:</source>
        <translation>Sandbox-&amp;Name:</translation>
    </message>
    <message>
        <source>Lower-case letters, digits and &apos;-&apos;; part of the sandbox ID</source>
        <translation>Kleinbuchstaben, Ziffern und &apos;-&apos;; Teil der Sandbox-ID</translation>
    </message>
    <message>
        <source>Sandbox ID:</source>
        <translation>Sandbox-ID:</translation>
    </message>
    <message>
        <source>Web UI port:</source>
        <translation>Port der Web-Oberfläche:</translation>
    </message>
    <message>
        <source>&amp;Memory limit:</source>
        <translation>Speicher&amp;limit:</translation>
    </message>
    <message>
        <source>e.g. 4g or 512m; empty for the default</source>
        <translation>z. B. 4g oder 512m; leer für den Standardwert</translation>
    </message>
    <message>
        <source>&amp;CPU limit:</source>
        <translation>&amp;CPU-Limit:</translation>
    </message>
    <message>
        <source>Number of CPUs, e.g. 2 or 1.5; empty for no limit</source>
        <translation>Anzahl CPUs, z. B. 2 oder 1.5; leer für kein Limit</translation>
    </message>
    <message>
        <source>&amp;Process limit:</source>
        <translation>&amp;Prozesslimit:</translation>
    </message>
    <message>
        <source>Most processes at once in the sandbox; empty for the default</source>
        <translation>Höchstzahl gleichzeitiger Prozesse in der Sandbox; leer für den Standardwert</translation>
    </message>
    <message>
        <source>In this app</source>
        <translation>In dieser App</translation>
    </message>
    <message>
        <source>Start this sandbox when the app starts</source>
        <translation>Diese Sandbox beim Start der App starten</translation>
    </message>
    <message>
        <source>Open the web UI after starting it from the app</source>
        <translation>Nach dem Start aus der App die Web-Oberfläche öffnen</translation>
    </message>
    <message>
        <source>Net&amp;work</source>
        <translation>&amp;Netzwerk</translation>
    </message>
    <message>
        <source>The sandbox reaches only these domains, over HTTP and HTTPS through its proxy. One per line; &apos;.example.com&apos; also allows every subdomain.</source>
        <translation>Die Sandbox erreicht nur diese Domains, per HTTP und HTTPS über ihren Proxy. Eine pro Zeile; &apos;.example.com&apos; erlaubt auch alle Subdomains.</translation>
    </message>
    <message>
        <source>&amp;Allowed domains:</source>
        <translation>&amp;Erlaubte Domains:</translation>
    </message>
    <message>
        <source>Add a &amp;preset</source>
        <translation>Vor&amp;lage hinzufügen</translation>
    </message>
    <message>
        <source>Host p&amp;orts</source>
        <translation>Host-P&amp;orts</translation>
    </message>
    <message>
        <source>TCP ports on this computer that the sandbox may connect to, as docker.host (e.g. a database). One per line.</source>
        <translation>TCP-Ports dieses Computers, mit denen sich die Sandbox als docker.host verbinden darf (z. B. eine Datenbank). Einer pro Zeile.</translation>
    </message>
    <message>
        <source>&amp;List of ports:</source>
        <translation>&amp;Liste der Ports:</translation>
    </message>
    <message>
        <source>&amp;Environment</source>
        <translation>&amp;Umgebung</translation>
    </message>
    <message>
        <source>Passed through from this computer (read when the sandbox starts, after the pre-start hook; values are never shown here):</source>
        <translation>Von diesem Computer durchgereicht (beim Start der Sandbox gelesen, nach dem Pre-Start-Hook; Werte werden hier nie angezeigt):</translation>
    </message>
    <message>
        <source>A&amp;dd variable</source>
        <translation>Variable hin&amp;zufügen</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>Ent&amp;fernen</translation>
    </message>
    <message>
        <source>Fixed values (written into the config file; do not put secrets here):</source>
        <translation>Feste Werte (stehen in der Konfigurationsdatei; keine Geheimnisse eintragen):</translation>
    </message>
    <message>
        <source>Add &amp;value</source>
        <translation>&amp;Wert hinzufügen</translation>
    </message>
    <message>
        <source>Remove va&amp;lue</source>
        <translation>Wert entfe&amp;rnen</translation>
    </message>
    <message>
        <source>Pre-start &amp;hook</source>
        <translation>Pre-Start-&amp;Hook</translation>
    </message>
    <message>
        <source>Appro&amp;ve this content</source>
        <translation>Diesen Inhalt &amp;freigeben</translation>
    </message>
</context>
<context>
    <name>StatusSummary</name>
    <message>
        <source>No container engine available</source>
        <translation>Keine Container-Engine verfügbar</translation>
    </message>
    <message>
        <source>%1 is not available</source>
        <translation>%1 ist nicht verfügbar</translation>
    </message>
    <message>
        <source>Looking for Docker or Podman…</source>
        <translation>Suche Docker oder Podman…</translation>
    </message>
    <message>
        <source>No projects yet</source>
        <translation>Noch keine Projekte</translation>
    </message>
    <message numerus="yes">
        <source>No sandbox running (%n project(s))</source>
        <translation>
            <numerusform>Keine Sandbox läuft (%n Projekt)</numerusform>
            <numerusform>Keine Sandbox läuft (%n Projekte)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n sandbox(es) running</source>
        <translation>
            <numerusform>%1 von %n Sandbox läuft</numerusform>
            <numerusform>%1 von %n Sandboxen laufen</numerusform>
        </translation>
    </message>
    <message>
        <source>OpenCode Sandbox</source>
        <translation>OpenCode Sandbox</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>building %1/%2</source>
        <translation>baut %1/%2</translation>
    </message>
    <message>
        <source>building…</source>
        <translation>baut…</translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>startet…</translation>
    </message>
    <message>
        <source>stopping…</source>
        <translation>stoppt…</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>Running on port %1</source>
        <translation>Läuft auf Port %1</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Building the image: step %1 of %2</source>
        <translation>Image wird gebaut: Schritt %1 von %2</translation>
    </message>
    <message>
        <source>Building the image…</source>
        <translation>Image wird gebaut…</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startet…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Stoppt…</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Fehler: %1</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Gestoppt</translation>
    </message>
    <message>
        <source>%1 — %2 · port %3</source>
        <translation>%1 — %2 · Port %3</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>TerminalOpener</name>
    <message>
        <source>The `ocs` command was not found next to this program or on PATH.</source>
        <translation>Der Befehl `ocs` wurde weder neben diesem Programm noch im PATH gefunden.</translation>
    </message>
    <message>
        <source>No terminal emulator found. Install one (e.g. xterm, GNOME Terminal or Konsole), or run `ocs terminal` in %1 yourself.</source>
        <translation>Kein Terminalprogramm gefunden. Installieren Sie eines (z. B. xterm, GNOME Terminal oder Konsole) oder führen Sie `ocs terminal` selbst in %1 aus.</translation>
    </message>
    <message>
        <source>Could not start %1.</source>
        <translation>%1 konnte nicht gestartet werden.</translation>
    </message>
</context>
<context>
    <name>ocs::ApprovedFile</name>
    <message>
        <source>%1 does not exist (any more); nothing was approved.</source>
        <translation>%1 existiert nicht (mehr); es wurde nichts freigegeben.</translation>
    </message>
    <message>
        <source>%1 changed after it was shown (it now has SHA-256 %2, not %3); nothing was approved. Look at it again (`%4 show`) and approve what you read.</source>
        <translation>%1 wurde geändert, nachdem es angezeigt wurde (es hat jetzt SHA-256 %2, nicht %3); es wurde nichts freigegeben. Sehen Sie es sich erneut an (`%4 show`) und geben Sie frei, was Sie gelesen haben.</translation>
    </message>
</context>
<context>
    <name>ocs::ConfigAnalysis</name>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>Warnung</translation>
    </message>
    <message>
        <source>the file does not exist</source>
        <translation>die Datei existiert nicht</translation>
    </message>
    <message>
        <source>cannot read the file: %1</source>
        <translation>die Datei kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>keine reguläre Datei</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>a line break</source>
        <translation>einen Zeilenumbruch</translation>
    </message>
    <message>
        <source>a carriage return</source>
        <translation>einen Wagenrücklauf (CR)</translation>
    </message>
    <message>
        <source>a tab</source>
        <translation>einen Tabulator</translation>
    </message>
    <message>
        <source>a Unicode line separator</source>
        <translation>ein Unicode-Zeilentrennzeichen</translation>
    </message>
    <message>
        <source>the control character U+%1</source>
        <translation>das Steuerzeichen U+%1</translation>
    </message>
    <message>
        <source>the name is empty; write a name such as &apos;my-project&apos;</source>
        <translation>der Name ist leer; schreiben Sie einen Namen wie &apos;my-project&apos;</translation>
    </message>
    <message>
        <source>%1 is too long (%2 characters); use at most %3</source>
        <translation>%1 ist zu lang (%2 Zeichen); verwenden Sie höchstens %3</translation>
    </message>
    <message>
        <source> (write %1)</source>
        <translation> (schreiben Sie %1)</translation>
    </message>
    <message>
        <source>%1 is not a valid name; use lower-case letters, digits and &apos;-&apos; (not at the start or end)%2</source>
        <translation>%1 ist kein gültiger Name; verwenden Sie Kleinbuchstaben, Ziffern und &apos;-&apos; (nicht am Anfang oder Ende)%2</translation>
    </message>
    <message>
        <source>the entry is empty; write a domain such as &apos;example.com&apos;</source>
        <translation>der Eintrag ist leer; schreiben Sie eine Domain wie &apos;example.com&apos;</translation>
    </message>
    <message>
        <source>%1 contains a space; write one domain per entry</source>
        <translation>%1 enthält ein Leerzeichen; schreiben Sie eine Domain pro Eintrag</translation>
    </message>
    <message>
        <source>%1 is a URL with an IP address; name the domain instead (use host-ports to reach services on the host)</source>
        <translation>%1 ist eine URL mit einer IP-Adresse; nennen Sie stattdessen die Domain (für Dienste auf dem Host verwenden Sie host-ports)</translation>
    </message>
    <message>
        <source>%1 is a URL; write only the host name, e.g. %2</source>
        <translation>%1 ist eine URL; schreiben Sie nur den Hostnamen, z. B. %2</translation>
    </message>
    <message>
        <source>%1 is an IP address; name the domain instead (use host-ports to reach services on the host)</source>
        <translation>%1 ist eine IP-Adresse; nennen Sie stattdessen die Domain (für Dienste auf dem Host verwenden Sie host-ports)</translation>
    </message>
    <message>
        <source>%1 contains a path; write only the host name, e.g. %2</source>
        <translation>%1 enthält einen Pfad; schreiben Sie nur den Hostnamen, z. B. %2</translation>
    </message>
    <message>
        <source>%1 has a wildcard in the wrong place; &apos;*&apos; is only allowed as a leading &apos;*.&apos; (e.g. &apos;*.example.com&apos;, or &apos;.example.com&apos;, which means the same)</source>
        <translation>%1 hat einen Platzhalter an der falschen Stelle; &apos;*&apos; ist nur als führendes &apos;*.&apos; erlaubt (z. B. &apos;*.example.com&apos; oder &apos;.example.com&apos;, was dasselbe bedeutet)</translation>
    </message>
    <message>
        <source>%1 includes a port; write only the host name, e.g. %2</source>
        <translation>%1 enthält einen Port; schreiben Sie nur den Hostnamen, z. B. %2</translation>
    </message>
    <message>
        <source>%1 contains non-ASCII letters; write its ASCII form %2</source>
        <translation>%1 enthält Nicht-ASCII-Buchstaben; schreiben Sie stattdessen die ASCII-Form %2</translation>
    </message>
    <message>
        <source>%1 contains non-ASCII characters, which a domain cannot have</source>
        <translation>%1 enthält Nicht-ASCII-Zeichen, die in einer Domain nicht vorkommen können</translation>
    </message>
    <message>
        <source>%1 is not a domain; write e.g. &apos;.example.com&apos;</source>
        <translation>%1 ist keine Domain; schreiben Sie z. B. &apos;.example.com&apos;</translation>
    </message>
    <message>
        <source>%1 ends with a dot; remove the trailing &apos;.&apos;</source>
        <translation>%1 endet mit einem Punkt; entfernen Sie den abschließenden &apos;.&apos;</translation>
    </message>
    <message>
        <source>%1 is too long (more than 253 characters)</source>
        <translation>%1 ist zu lang (mehr als 253 Zeichen)</translation>
    </message>
    <message>
        <source>%1 has an empty part (&apos;..&apos; or a leading dot twice)</source>
        <translation>%1 hat einen leeren Teil (&apos;..&apos; oder zwei führende Punkte)</translation>
    </message>
    <message>
        <source>%1 has a part longer than 63 characters</source>
        <translation>%1 hat einen Teil, der länger als 63 Zeichen ist</translation>
    </message>
    <message>
        <source>%1 contains &apos;%2&apos;, which a domain name cannot have (only letters, digits, &apos;-&apos; and &apos;.&apos;)</source>
        <translation>%1 enthält &apos;%2&apos;, das in einem Domainnamen nicht vorkommen kann (nur Buchstaben, Ziffern, &apos;-&apos; und &apos;.&apos;)</translation>
    </message>
    <message>
        <source>%1 has a part that starts or ends with &apos;-&apos;</source>
        <translation>%1 hat einen Teil, der mit &apos;-&apos; beginnt oder endet</translation>
    </message>
    <message>
        <source>the entry is empty; write a port number from 1 to 65535</source>
        <translation>der Eintrag ist leer; schreiben Sie eine Portnummer von 1 bis 65535</translation>
    </message>
    <message>
        <source>%1 is not a port number; use a whole number from 1 to 65535</source>
        <translation>%1 ist keine Portnummer; verwenden Sie eine ganze Zahl von 1 bis 65535</translation>
    </message>
    <message>
        <source>%1 has a leading zero; write the port without it</source>
        <translation>%1 hat eine führende Null; schreiben Sie den Port ohne sie</translation>
    </message>
    <message>
        <source>%1 is out of range; use a port from 1 to 65535</source>
        <translation>%1 liegt außerhalb des gültigen Bereichs; verwenden Sie einen Port von 1 bis 65535</translation>
    </message>
    <message>
        <source>the variable name is empty</source>
        <translation>der Variablenname ist leer</translation>
    </message>
    <message>
        <source>%1 is not a valid variable name; use letters, digits and &apos;_&apos;, not starting with a digit</source>
        <translation>%1 ist kein gültiger Variablenname; verwenden Sie Buchstaben, Ziffern und &apos;_&apos;, aber keine Ziffer am Anfang</translation>
    </message>
    <message>
        <source>%1 is set by the sandbox (it guards access to the OpenCode server) and cannot be set here</source>
        <translation>%1 wird von der Sandbox gesetzt (es schützt den Zugang zum OpenCode-Server) und kann hier nicht gesetzt werden</translation>
    </message>
    <message>
        <source>%1 is set by the sandbox for the user inside the container and cannot be set here</source>
        <translation>%1 wird von der Sandbox für den Benutzer im Container gesetzt und kann hier nicht gesetzt werden</translation>
    </message>
    <message>
        <source>%1: names starting with OCS_ are reserved for the sandbox&apos;s own settings</source>
        <translation>%1: Namen, die mit OCS_ beginnen, sind den eigenen Einstellungen der Sandbox vorbehalten</translation>
    </message>
    <message>
        <source>%1 is set by the sandbox to send traffic through its filtering proxy and cannot be set here</source>
        <translation>%1 wird von der Sandbox gesetzt, um den Datenverkehr durch ihren filternden Proxy zu leiten, und kann hier nicht gesetzt werden</translation>
    </message>
    <message>
        <source>%1: LD_* variables change how every program in the sandbox loads code, so they are reserved</source>
        <translation>%1: LD_*-Variablen ändern, wie jedes Programm in der Sandbox Code lädt, daher sind sie reserviert</translation>
    </message>
    <message>
        <source>%1 is reserved: bash, the C library or node read it when a program starts and can be made to run code with it, also in the sandbox&apos;s own processes that run as root</source>
        <translation>%1 ist reserviert: bash, die C-Bibliothek oder node lesen die Variable beim Start eines Programms und können damit dazu gebracht werden, Code auszuführen, auch in den eigenen Prozessen der Sandbox, die als root laufen</translation>
    </message>
    <message>
        <source>%1: DOCKER_*, CONTAINER_* and PODMAN_* variables steer the container engine, so they are reserved</source>
        <translation>%1: DOCKER_*-, CONTAINER_*- und PODMAN_*-Variablen steuern die Container-Engine, daher sind sie reserviert</translation>
    </message>
    <message>
        <source>%1 is not a memory size; write a number with an optional unit b, k, m or g, e.g. &apos;4g&apos; or &apos;512m&apos;</source>
        <translation>%1 ist keine Speichergröße; schreiben Sie eine Zahl mit optionaler Einheit b, k, m oder g, z. B. &apos;4g&apos; oder &apos;512m&apos;</translation>
    </message>
    <message>
        <source>%1 is not a CPU count; write a positive number such as &apos;2&apos; or &apos;1.5&apos;</source>
        <translation>%1 ist keine CPU-Anzahl; schreiben Sie eine positive Zahl wie &apos;2&apos; oder &apos;1.5&apos;</translation>
    </message>
    <message>
        <source>a whole number from %1 to %2</source>
        <translation>eine ganze Zahl von %1 bis %2</translation>
    </message>
    <message>
        <source>%1 is not a number; use %2</source>
        <translation>%1 ist keine Zahl; verwenden Sie %2</translation>
    </message>
    <message>
        <source>%1 is out of range; use %2</source>
        <translation>%1 liegt außerhalb des gültigen Bereichs; verwenden Sie %2</translation>
    </message>
    <message>
        <source>the entry is empty; write a path inside the project, e.g. &apos;docs&apos;</source>
        <translation>der Eintrag ist leer; schreiben Sie einen Pfad innerhalb des Projekts, z. B. &apos;docs&apos;</translation>
    </message>
    <message>
        <source>%1 is an absolute path; write a path relative to the project folder</source>
        <translation>%1 ist ein absoluter Pfad; schreiben Sie einen Pfad relativ zum Projektordner</translation>
    </message>
    <message>
        <source>%1 is outside the project; write a path relative to the project folder</source>
        <translation>%1 liegt außerhalb des Projekts; schreiben Sie einen Pfad relativ zum Projektordner</translation>
    </message>
    <message>
        <source>%1 leaves the project folder (&apos;..&apos;); write a path inside the project</source>
        <translation>%1 verlässt den Projektordner (&apos;..&apos;); schreiben Sie einen Pfad innerhalb des Projekts</translation>
    </message>
    <message>
        <source>the entry is empty; write the path of a PEM file</source>
        <translation>der Eintrag ist leer; schreiben Sie den Pfad einer PEM-Datei</translation>
    </message>
    <message>
        <source>the value contains %1; values must be a single line of text without control characters</source>
        <translation>der Wert enthält %1; Werte müssen eine einzelne Textzeile ohne Steuerzeichen sein</translation>
    </message>
    <message>
        <source>tabs are not allowed for indentation; use spaces</source>
        <translation>Tabulatoren sind zum Einrücken nicht erlaubt; verwenden Sie Leerzeichen</translation>
    </message>
    <message>
        <source>check the indentation: the entries of one section must line up</source>
        <translation>prüfen Sie die Einrückung: Die Einträge eines Abschnitts müssen bündig untereinander stehen</translation>
    </message>
    <message>
        <source>a &apos;: &apos; appears where it cannot; put the value in quotes or check the indentation</source>
        <translation>ein &apos;: &apos; steht an einer Stelle, an der es nicht stehen kann; setzen Sie den Wert in Anführungszeichen oder prüfen Sie die Einrückung</translation>
    </message>
    <message>
        <source>a &apos;- &apos; list item is where no list can start; check the indentation</source>
        <translation>ein Listeneintrag &apos;- &apos; steht dort, wo keine Liste beginnen kann; prüfen Sie die Einrückung</translation>
    </message>
    <message>
        <source>a &apos;[&apos; has no matching &apos;]&apos;</source>
        <translation>zu einem &apos;[&apos; fehlt das passende &apos;]&apos;</translation>
    </message>
    <message>
        <source>a &apos;{&apos; has no matching &apos;}&apos;</source>
        <translation>zu einem &apos;{&apos; fehlt das passende &apos;}&apos;</translation>
    </message>
    <message>
        <source>inside double quotes a backslash starts an escape; use single quotes</source>
        <translation>in doppelten Anführungszeichen leitet ein Backslash eine Escape-Sequenz ein; verwenden Sie einfache Anführungszeichen</translation>
    </message>
    <message>
        <source>aliases (&apos;*name&apos;) are not supported in this file</source>
        <translation>Aliase (&apos;*name&apos;) werden in dieser Datei nicht unterstützt</translation>
    </message>
    <message>
        <source>not valid YAML: %1%2</source>
        <translation>kein gültiges YAML: %1%2</translation>
    </message>
    <message>
        <source>the file holds more than one YAML document (&apos;---&apos;); keep only the first</source>
        <translation>die Datei enthält mehr als ein YAML-Dokument (&apos;---&apos;); behalten Sie nur das erste</translation>
    </message>
    <message>
        <source>the closing quote of this value is missing</source>
        <translation>das schließende Anführungszeichen dieses Werts fehlt</translation>
    </message>
    <message>
        <source>not valid YAML: %1 has no &apos;:&apos; after it; write &apos;key: value&apos; on one line</source>
        <translation>kein gültiges YAML: nach %1 fehlt &apos;:&apos;; schreiben Sie &apos;key: value&apos; in eine Zeile</translation>
    </message>
    <message>
        <source>%1: aliases (&apos;*%2&apos;) are not supported in this file; write the value out in full</source>
        <translation>%1: Aliase (&apos;*%2&apos;) werden in dieser Datei nicht unterstützt; schreiben Sie den Wert vollständig aus</translation>
    </message>
    <message>
        <source>%1: anchors (&apos;&amp;%2&apos;) are not supported in this file; remove the anchor</source>
        <translation>%1: Anker (&apos;&amp;%2&apos;) werden in dieser Datei nicht unterstützt; entfernen Sie den Anker</translation>
    </message>
    <message>
        <source>%1: tags (&apos;%2&apos;) are not supported in this file; remove the tag</source>
        <translation>%1: Tags (&apos;%2&apos;) werden in dieser Datei nicht unterstützt; entfernen Sie das Tag</translation>
    </message>
    <message>
        <source>%1 must be a single value, not a %2</source>
        <translation>%1 muss ein einzelner Wert sein, keine %2</translation>
    </message>
    <message>
        <source>list</source>
        <translation>Liste</translation>
    </message>
    <message>
        <source>map</source>
        <translation>Zuordnung</translation>
    </message>
    <message>
        <source>%1 must be a list; write each entry on its own line as &apos;- value&apos;</source>
        <translation>%1 muss eine Liste sein; schreiben Sie jeden Eintrag als &apos;- value&apos; in eine eigene Zeile</translation>
    </message>
    <message>
        <source>%1 must be a list of &apos;- value&apos; lines, not a map of &apos;key: value&apos; lines</source>
        <translation>%1 muss eine Liste aus &apos;- value&apos;-Zeilen sein, keine Zuordnung aus &apos;key: value&apos;-Zeilen</translation>
    </message>
    <message>
        <source>%1: empty entry; remove the &apos;-&apos; line or write a value after it</source>
        <translation>%1: leerer Eintrag; entfernen Sie die &apos;-&apos;-Zeile oder schreiben Sie einen Wert dahinter</translation>
    </message>
    <message>
        <source>%1: each entry must be a single value; nested lists or maps are not supported here</source>
        <translation>%1: jeder Eintrag muss ein einzelner Wert sein; verschachtelte Listen oder Zuordnungen werden hier nicht unterstützt</translation>
    </message>
    <message>
        <source>%1: %2 is listed twice (also on line %3); remove one of them</source>
        <translation>%1: %2 steht zweimal in der Liste (auch in Zeile %3); entfernen Sie einen der beiden Einträge</translation>
    </message>
    <message>
        <source>%1 must be a map; write each variable on its own line as &apos;NAME: value&apos;</source>
        <translation>%1 muss eine Zuordnung sein; schreiben Sie jede Variable als &apos;NAME: value&apos; in eine eigene Zeile</translation>
    </message>
    <message>
        <source> (write &apos;%1: %2&apos; instead of &apos;- %3&apos;)</source>
        <translation> (schreiben Sie &apos;%1: %2&apos; statt &apos;- %3&apos;)</translation>
    </message>
    <message>
        <source>%1 must be a map of &apos;NAME: value&apos; lines, not a list%2</source>
        <translation>%1 muss eine Zuordnung aus &apos;NAME: value&apos;-Zeilen sein, keine Liste%2</translation>
    </message>
    <message>
        <source>%1: each key must be a variable name</source>
        <translation>%1: jeder Schlüssel muss ein Variablenname sein</translation>
    </message>
    <message>
        <source>%1: duplicate key %2 (first on line %3); keep only one</source>
        <translation>%1: doppelter Schlüssel %2 (zuerst in Zeile %3); behalten Sie nur einen</translation>
    </message>
    <message>
        <source>%1 is empty; %2</source>
        <translation>%1 ist leer; %2</translation>
    </message>
    <message>
        <source>%1: the value must be %2, not a list or map</source>
        <translation>%1: der Wert muss %2 sein, keine Liste oder Zuordnung</translation>
    </message>
    <message>
        <source>%1: %2 is also set in %3 (line %4); a variable can come from only one place</source>
        <translation>%1: %2 ist auch in %3 gesetzt (Zeile %4); eine Variable kann nur aus einer Quelle kommen</translation>
    </message>
    <message>
        <source>the file is too large (%1 bytes); a config file is a few lines</source>
        <translation>die Datei ist zu groß (%1 Bytes); eine Konfigurationsdatei hat nur wenige Zeilen</translation>
    </message>
    <message>
        <source>the file holds no settings, only comments; it needs at least a line such as &apos;sandbox-name: my-project&apos;</source>
        <translation>die Datei enthält keine Einstellungen, nur Kommentare; sie braucht mindestens eine Zeile wie &apos;sandbox-name: my-project&apos;</translation>
    </message>
    <message>
        <source>the file is empty; it needs at least a line such as &apos;sandbox-name: my-project&apos;</source>
        <translation>die Datei ist leer; sie braucht mindestens eine Zeile wie &apos;sandbox-name: my-project&apos;</translation>
    </message>
    <message>
        <source>the top level</source>
        <translation>die oberste Ebene</translation>
    </message>
    <message>
        <source>the file must be a map of &apos;key: value&apos; lines (such as &apos;sandbox-name: my-project&apos;), not %1</source>
        <translation>die Datei muss eine Zuordnung aus &apos;key: value&apos;-Zeilen sein (wie &apos;sandbox-name: my-project&apos;), nicht %1</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>eine Liste</translation>
    </message>
    <message>
        <source>a single value</source>
        <translation>ein einzelner Wert</translation>
    </message>
    <message>
        <source>write the top-level keys one per line (&apos;key: value&apos;); a &apos;{ ... }&apos; map is not supported here</source>
        <translation>schreiben Sie die Schlüssel der obersten Ebene einzeln in je eine Zeile (&apos;key: value&apos;); eine &apos;{ ... }&apos;-Zuordnung wird hier nicht unterstützt</translation>
    </message>
    <message>
        <source>write each top-level key at the start of its own line as &apos;key: value&apos; (explicit &apos;? key&apos; entries are not supported)</source>
        <translation>schreiben Sie jeden Schlüssel der obersten Ebene als &apos;key: value&apos; an den Anfang einer eigenen Zeile (explizite &apos;? key&apos;-Einträge werden nicht unterstützt)</translation>
    </message>
    <message>
        <source>a top-level key</source>
        <translation>ein Schlüssel der obersten Ebene</translation>
    </message>
    <message>
        <source>a line starts with &apos;:&apos; but has no key name before it</source>
        <translation>eine Zeile beginnt mit &apos;:&apos;, aber davor steht kein Schlüsselname</translation>
    </message>
    <message>
        <source>top-level keys must be plain names such as &apos;sandbox-name&apos;</source>
        <translation>Schlüssel der obersten Ebene müssen einfache Namen wie &apos;sandbox-name&apos; sein</translation>
    </message>
    <message>
        <source>duplicate key %1 (first on line %2); merge the two into one</source>
        <translation>doppelter Schlüssel %1 (zuerst in Zeile %2); führen Sie beide zu einem zusammen</translation>
    </message>
    <message>
        <source>; did you mean %1?</source>
        <translation>; meinten Sie %1?</translation>
    </message>
    <message>
        <source>unknown key %1 is ignored (it is kept when the file is saved)%2</source>
        <translation>unbekannter Schlüssel %1 wird ignoriert (beim Speichern der Datei bleibt er erhalten)%2</translation>
    </message>
    <message>
        <source>%1 is missing; add a line such as &apos;%1: %2&apos;</source>
        <translation>%1 fehlt; fügen Sie eine Zeile wie &apos;%1: %2&apos; hinzu</translation>
    </message>
    <message>
        <source>%1 removes a default read-only path, so the agent will be able to change %2</source>
        <translation>%1 entfernt einen standardmäßig schreibgeschützten Pfad, sodass der Agent %2 ändern kann</translation>
    </message>
    <message>
        <source>the host variable name is missing; write &apos;%1: %1&apos; to pass the host&apos;s %1</source>
        <translation>der Name der Host-Variable fehlt; schreiben Sie &apos;%1: %1&apos;, um die Variable %1 des Hosts zu übergeben</translation>
    </message>
    <message>
        <source>host variable %1</source>
        <translation>Host-Variable: %1</translation>
    </message>
    <message>
        <source>write a name such as &apos;my-project&apos;</source>
        <translation>schreiben Sie einen Namen wie &apos;my-project&apos;</translation>
    </message>
    <message>
        <source>a host variable name</source>
        <translation>ein Host-Variablenname</translation>
    </message>
    <message>
        <source>a single line of text</source>
        <translation>eine einzelne Textzeile</translation>
    </message>
    <message>
        <source>the file is not valid UTF-8 text (save it as UTF-8)</source>
        <translation>die Datei ist kein gültiger UTF-8-Text (speichern Sie sie als UTF-8)</translation>
    </message>
    <message>
        <source>stray carriage return (CR) character; save the file with LF or CRLF line ends</source>
        <translation>einzelnes Wagenrücklaufzeichen (CR); speichern Sie die Datei mit LF- oder CRLF-Zeilenenden</translation>
    </message>
    <message>
        <source>the file contains the control character U+%1; remove it</source>
        <translation>die Datei enthält das Steuerzeichen U+%1; entfernen Sie es</translation>
    </message>
    <message>
        <source>%1 is the sandbox&apos;s web UI, which is published already (`ocs web`); choose another port</source>
        <translation>%1 ist die Web-Oberfläche der Sandbox, die bereits veröffentlicht ist (`ocs web`); wählen Sie einen anderen Port</translation>
    </message>
    <message>
        <source>%1 is used by the sandbox itself (OpenCode or its proxy) and cannot be published; choose another port</source>
        <translation>%1 wird von der Sandbox selbst verwendet (OpenCode oder sein Proxy) und kann nicht veröffentlicht werden; wählen Sie einen anderen Port</translation>
    </message>
    <message>
        <source>%1 is not a yes/no value; write &apos;true&apos; or &apos;false&apos;</source>
        <translation>%1 ist kein Ja/Nein-Wert; schreiben Sie &apos;true&apos; oder &apos;false&apos;</translation>
    </message>
    <message>
        <source>%1 is a wildcard; name each host exactly (a secret goes to exact hosts only)</source>
        <translation>%1 ist ein Platzhalter-Muster; nennen Sie jeden Host genau (ein Geheimnis geht nur an genau benannte Hosts)</translation>
    </message>
    <message>
        <source>the header name is empty; write e.g. &apos;x-api-key&apos; or &apos;Authorization: Bearer {}&apos;</source>
        <translation>der Header-Name ist leer; schreiben Sie z. B. &apos;x-api-key&apos; oder &apos;Authorization: Bearer {}&apos;</translation>
    </message>
    <message>
        <source>%1 is not a valid HTTP header name; use letters, digits and &apos;-&apos;</source>
        <translation>%1 ist kein gültiger HTTP-Header-Name; verwenden Sie Buchstaben, Ziffern und &apos;-&apos;</translation>
    </message>
    <message>
        <source>%1 cannot carry a secret; use the header the API reads the key from</source>
        <translation>%1 kann kein Geheimnis tragen; verwenden Sie den Header, aus dem die API den Schlüssel liest</translation>
    </message>
    <message>
        <source>%1 must contain &apos;{}&apos; exactly once, where the secret goes (e.g. &apos;Bearer {}&apos;)</source>
        <translation>%1 muss &apos;{}&apos; genau einmal enthalten, dort wo das Geheimnis steht (z. B. &apos;Bearer {}&apos;)</translation>
    </message>
    <message>
        <source>%1 may hold only printable ASCII characters</source>
        <translation>%1 darf nur druckbare ASCII-Zeichen enthalten</translation>
    </message>
    <message>
        <source>%1: write &apos;NAME: {...}&apos; entries without the &apos;- &apos; in front (a map), or &apos;- NAME&apos; alone</source>
        <translation>%1: schreiben Sie &apos;NAME: {...}&apos;-Einträge ohne das &apos;- &apos; davor (eine Map) oder &apos;- NAME&apos; allein</translation>
    </message>
    <message>
        <source>%1: write the hosts as a list such as [api.example.com]</source>
        <translation>%1: schreiben Sie die Hosts als Liste, etwa [api.example.com]</translation>
    </message>
    <message>
        <source>%1: each host must be a single name</source>
        <translation>%1: jeder Host muss ein einzelner Name sein</translation>
    </message>
    <message>
        <source>%1: %2 is listed twice; remove one</source>
        <translation>%1: %2 steht doppelt in der Liste; entfernen Sie einen Eintrag</translation>
    </message>
    <message>
        <source>%1: no preset is known for %2; write its hosts and header as &apos;%2: %3&apos;, or choose a preset with &apos;{preset: NAME}&apos;</source>
        <translation>%1: für %2 ist keine Vorlage bekannt; schreiben Sie seine Hosts und seinen Header als &apos;%2: %3&apos; oder wählen Sie eine Vorlage mit &apos;{preset: NAME}&apos;</translation>
    </message>
    <message>
        <source>%1: the value must be a map such as &apos;%2&apos; (or nothing, for a name with a preset)</source>
        <translation>%1: der Wert muss eine Map wie &apos;%2&apos; sein (oder leer, für einen Namen mit Vorlage)</translation>
    </message>
    <message>
        <source>%1: %2 is written twice; keep only one</source>
        <translation>%1: %2 steht doppelt; behalten Sie nur einen</translation>
    </message>
    <message>
        <source>%1: unknown field %2; use hosts, header, preset or git-hosts</source>
        <translation>%1: unbekanntes Feld %2; verwenden Sie hosts, header, preset oder git-hosts</translation>
    </message>
    <message>
        <source>%1: preset must be a single name</source>
        <translation>%1: preset muss ein einzelner Name sein</translation>
    </message>
    <message>
        <source>%1: unknown preset %2; known presets: %3</source>
        <translation>%1: unbekannte Vorlage %2; bekannte Vorlagen: %3</translation>
    </message>
    <message>
        <source>%1: header must be a single value such as &apos;x-api-key&apos; or &apos;Authorization: Bearer {}&apos;</source>
        <translation>%1: header muss ein einzelner Wert sein, etwa &apos;x-api-key&apos; oder &apos;Authorization: Bearer {}&apos;</translation>
    </message>
    <message>
        <source>%1: no host; name the hosts the secret is for, e.g. &apos;%2&apos;</source>
        <translation>%1: kein Host; nennen Sie die Hosts, für die das Geheimnis ist, z. B. &apos;%2&apos;</translation>
    </message>
    <message>
        <source>%1: no header; write e.g. &apos;header: x-api-key&apos; or &apos;header: &apos;Authorization: Bearer {}&apos;&apos;</source>
        <translation>%1: kein Header; schreiben Sie z. B. &apos;header: x-api-key&apos; oder &apos;header: &apos;Authorization: Bearer {}&apos;&apos;</translation>
    </message>
    <message>
        <source> (it has a preset: &apos;%1:&apos; is enough)</source>
        <translation> (es gibt eine Vorlage: &apos;%1:&apos; genügt)</translation>
    </message>
    <message>
        <source>%1: %2 looks like a credential, which the agent can read and send to any whitelisted host; list it in %3 instead, so that the agent sees only a placeholder%4</source>
        <translation>%1: %2 sieht nach einem Zugangsschlüssel aus, den der Agent lesen und an jeden freigegebenen Host senden kann; tragen Sie ihn stattdessen in %3 ein, dann sieht der Agent nur einen Platzhalter%4</translation>
    </message>
    <message>
        <source>%1: %2: %3 is not in %4; whitelist it too (the agent must be able to reach it)</source>
        <translation>%1: %2: %3 steht nicht in %4; geben Sie ihn auch frei (der Agent muss ihn erreichen können)</translation>
    </message>
    <message>
        <source>no preset is known for %1; write its hosts and header</source>
        <translation>für %1 ist keine Vorlage bekannt; schreiben Sie seine Hosts und seinen Header</translation>
    </message>
    <message>
        <source>nothing (a preset) or a map of hosts and header</source>
        <translation>nichts (eine Vorlage) oder eine Map aus hosts und header</translation>
    </message>
</context>
<context>
    <name>ocs::ConfigImpact</name>
    <message>
        <source>Applied live to a running sandbox, no restart: %1.</source>
        <translation>Wird in einer laufenden Sandbox sofort übernommen, ohne Neustart: %1.</translation>
    </message>
    <message>
        <source>A new sandbox (new SANDBOX_ID: its own container, image and state): %1.</source>
        <translation>Eine neue Sandbox (neue SANDBOX_ID: eigener Container, eigenes Image, eigener Zustand): %1.</translation>
    </message>
    <message>
        <source>Needs an image rebuild and a restart: %1.</source>
        <translation>Das Image muss neu gebaut und die Sandbox neu gestartet werden: %1.</translation>
    </message>
    <message>
        <source>Takes effect when the sandbox restarts: %1.</source>
        <translation>Wirkt, sobald die Sandbox neu startet: %1.</translation>
    </message>
</context>
<context>
    <name>ocs::EngineEvents</name>
    <message>
        <source>Following the engine&apos;s events</source>
        <translation>Verfolgen der Ereignisse der Engine</translation>
    </message>
</context>
<context>
    <name>ocs::EngineLocator</name>
    <message>
        <source>No container engine found. Install Docker (Debian/Ubuntu: `sudo apt install docker.io`, then add yourself to the `docker` group) or Podman (`sudo apt install podman`); on macOS, Docker Desktop, Colima or Podman. To use a specific one, set OCS_ENGINE=docker, podman or a path.</source>
        <translation>Keine Container-Engine gefunden. Installieren Sie Docker (Debian/Ubuntu: `sudo apt install docker.io`, dann fügen Sie sich der Gruppe `docker` hinzu) oder Podman (`sudo apt install podman`); unter macOS Docker Desktop, Colima oder Podman. Um eine bestimmte zu verwenden, setzen Sie OCS_ENGINE=docker, podman oder einen Pfad.</translation>
    </message>
    <message>
        <source>%1 (%2) is not installed or not executable. Install it or set OCS_ENGINE.</source>
        <translation>%1 (%2) ist nicht installiert oder nicht ausführbar. Installieren Sie es oder setzen Sie OCS_ENGINE.</translation>
    </message>
    <message>
        <source>%1 did not answer within 20 seconds; is its daemon or virtual machine stuck?</source>
        <translation>%1 hat nicht innerhalb von 20 Sekunden geantwortet; hängt der Daemon oder die virtuelle Maschine?</translation>
    </message>
    <message>
        <source>Add yourself to the `docker` group (`sudo usermod -aG docker $USER`, then log in again).</source>
        <translation>Fügen Sie sich der Gruppe `docker` hinzu (`sudo usermod -aG docker $USER`, dann neu anmelden).</translation>
    </message>
    <message>
        <source>Start it: `sudo systemctl start docker` on Linux; start Docker Desktop or `colima start` on macOS.</source>
        <translation>Starten Sie es: `sudo systemctl start docker` unter Linux; unter macOS Docker Desktop oder `colima start` starten.</translation>
    </message>
    <message>
        <source>Start it: `podman machine start` on macOS; check `podman info` on Linux.</source>
        <translation>Starten Sie es: `podman machine start` unter macOS; unter Linux `podman info` prüfen.</translation>
    </message>
    <message>
        <source>%1 is installed but not reachable.</source>
        <translation>%1 ist installiert, aber nicht erreichbar.</translation>
    </message>
    <message>
        <source>%1 is installed but not reachable (%2).</source>
        <translation>%1 ist installiert, aber nicht erreichbar (%2).</translation>
    </message>
</context>
<context>
    <name>ocs::ImageBuilder</name>
    <message>
        <source>The sandbox image sources (Dockerfile, entrypoint) were not found; set OCS_DATA_DIR to the folder that holds docker/, or reinstall.</source>
        <translation>Die Quellen des Sandbox-Images (Dockerfile, Entrypoint) wurden nicht gefunden; setzen Sie OCS_DATA_DIR auf den Ordner, der docker/ enthält, oder installieren Sie neu.</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>%1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>cannot copy %1 into the build context</source>
        <translation>%1 kann nicht in den Build-Kontext kopiert werden</translation>
    </message>
    <message>
        <source>The image was not built: %1</source>
        <translation>Das Image wurde nicht gebaut: %1</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>extra CA certificate %1: %2 (listed in extra-ca-certificates or OCS_EXTRA_CA_CERTS)</source>
        <translation>Zusätzliches CA-Zertifikat %1: %2 (aufgeführt in extra-ca-certificates oder OCS_EXTRA_CA_CERTS)</translation>
    </message>
    <message>
        <source>extra CA certificate %1 is not a PEM certificate (expected -----BEGIN CERTIFICATE-----)</source>
        <translation>Das zusätzliche CA-Zertifikat %1 ist kein PEM-Zertifikat (erwartet: -----BEGIN CERTIFICATE-----)</translation>
    </message>
    <message>
        <source>%1 holds a private key; only the CA certificate belongs in extra-ca-certificates</source>
        <translation>%1 enthält einen privaten Schlüssel; in extra-ca-certificates gehört nur das CA-Zertifikat</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The image build was cancelled.</source>
        <translation>Das Bauen des Images wurde abgebrochen.</translation>
    </message>
    <message>
        <source>The image build</source>
        <translation>Bauen des Images</translation>
    </message>
    <message>
        <source>Last lines:</source>
        <translation>Letzte Zeilen:</translation>
    </message>
    <message>
        <source>Installing the tools of mise.toml (whitelist only)</source>
        <translation>Die Werkzeuge aus mise.toml werden installiert (nur Whitelist)</translation>
    </message>
    <message>
        <source>mise install (mise.toml)</source>
        <translation>mise install (mise.toml)</translation>
    </message>
    <message>
        <source>Saving the image with mise&apos;s tools</source>
        <translation>Speichern des Images mit den Werkzeugen von mise</translation>
    </message>
</context>
<context>
    <name>ocs::LivePolicy</name>
    <message>
        <source>%1 has errors; fix them first (`ocs validate` lists them):
%2</source>
        <translation>%1 enthält Fehler; beheben Sie sie zuerst (`ocs validate` listet sie auf):
%2</translation>
    </message>
    <message>
        <source>not a valid host: %1. A host is a domain name such as api.example.com: letters, digits, &apos;-&apos; and &apos;.&apos;, without a scheme, port or path (IP addresses are never allowed).</source>
        <translation>kein gültiger Host: %1. Ein Host ist ein Domainname wie api.example.com: Buchstaben, Ziffern, &apos;-&apos; und &apos;.&apos;, ohne Schema, Port oder Pfad (IP-Adressen sind nie erlaubt).</translation>
    </message>
    <message>
        <source>`ocs deny` takes one host name, not %1; to deny a domain with all of its subdomains, add %1 to %2 in %3.</source>
        <translation>`ocs deny` nimmt einen einzelnen Hostnamen, nicht %1; um eine Domain mit allen ihren Subdomains zu sperren, tragen Sie %1 unter %2 in %3 ein.</translation>
    </message>
    <message>
        <source>%1 stays denied by the blacklist entry %2, which covers more than %1; remove that entry from %3 in %4 first.</source>
        <translation>%1 bleibt durch den Blacklist-Eintrag %2 gesperrt, der mehr als %1 umfasst; entfernen Sie zuerst diesen Eintrag unter %3 in %4.</translation>
    </message>
    <message>
        <source>cannot save %1: %2</source>
        <translation>%1 kann nicht gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>ocs::LoginItem</name>
    <message>
        <source>cannot remove %1</source>
        <translation>%1 kann nicht entfernt werden</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>%1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>ocs::ManagedSandbox</name>
    <message>
        <source>%1 cannot be read.</source>
        <translation>%1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>OpenCode in %1 does not answer its health check (last: %2).</source>
        <translation>OpenCode in %1 antwortet nicht auf die Zustandsprüfung (zuletzt: %2).</translation>
    </message>
    <message>
        <source>The configuration has errors:</source>
        <translation>Die Konfiguration enthält Fehler:</translation>
    </message>
    <message>
        <source>Stop requested.</source>
        <translation>Stoppen angefordert.</translation>
    </message>
    <message>
        <source>%1 is not running.</source>
        <translation>%1 läuft nicht.</translation>
    </message>
    <message>
        <source>Cannot open the sign-in gateway: %1</source>
        <translation>Das Anmelde-Gateway kann nicht geöffnet werden: %1</translation>
    </message>
</context>
<context>
    <name>ocs::OpenCodeSettings</name>
    <message>
        <source>it is larger than %1 MiB</source>
        <translation>er ist größer als %1 MiB</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>it has folders deeper than %1 levels</source>
        <translation>er hat Ordner, die tiefer als %1 Ebenen liegen</translation>
    </message>
    <message>
        <source>cannot read %1</source>
        <translation>%1 kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>it has more than %1 entries</source>
        <translation>er hat mehr als %1 Einträge</translation>
    </message>
    <message>
        <source>cannot create %1: %2</source>
        <translation>%1 kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>%1 kann nicht angelegt werden</translation>
    </message>
</context>
<context>
    <name>ocs::PasswordStore</name>
    <message>
        <source>the keychain is switched off or no D-Bus session is running</source>
        <translation>der Schlüsselbund ist ausgeschaltet oder es läuft keine D-Bus-Sitzung</translation>
    </message>
    <message>
        <source>the keychain is not available (%1)</source>
        <translation>der Schlüsselbund ist nicht verfügbar (%1)</translation>
    </message>
    <message>
        <source>the keychain refused to store it (%1)</source>
        <translation>der Schlüsselbund hat das Speichern verweigert (%1)</translation>
    </message>
    <message>
        <source>Moved the server password from %1 into the keychain.</source>
        <translation>Das Server-Passwort wurde aus %1 in den Schlüsselbund verschoben.</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>Stored the server password in %1 (owner-only), because %2.</source>
        <translation>Das Server-Passwort wurde in %1 gespeichert (nur für den Eigentümer lesbar), weil %2.</translation>
    </message>
    <message>
        <source>the keychain did not answer</source>
        <translation>der Schlüsselbund hat nicht geantwortet</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
</context>
<context>
    <name>ocs::PolicyFiles</name>
    <message>
        <source>cannot create %1</source>
        <translation>%1 kann nicht angelegt werden</translation>
    </message>
    <message>
        <source>cannot set the permissions of %1: %2</source>
        <translation>die Rechte von %1 können nicht gesetzt werden: %2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>ocs::PreStartHook</name>
    <message>
        <source>The pre-start hook was not run: %1</source>
        <translation>Der Pre-Start-Hook wurde nicht ausgeführt: %1</translation>
    </message>
    <message>
        <source>The pre-start hook %1</source>
        <translation>Pre-Start-Hook %1</translation>
    </message>
</context>
<context>
    <name>ocs::ProcessResult</name>
    <message>
        <source>%1 failed (exit code %2)%3</source>
        <translation>%1 fehlgeschlagen (Exit-Code %2)%3</translation>
    </message>
    <message>
        <source>%1 could not be started: %2</source>
        <translation>%1 konnte nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>%1 did not finish in time and was stopped</source>
        <translation>%1 wurde nicht rechtzeitig fertig und wurde abgebrochen</translation>
    </message>
    <message>
        <source>%1 was killed (%2)</source>
        <translation>%1 wurde beendet (%2)</translation>
    </message>
    <message>
        <source>%1 was cancelled</source>
        <translation>%1 wurde abgebrochen</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>ocs::Project</name>
    <message>
        <source>%1: no such folder</source>
        <translation>%1: Ordner existiert nicht</translation>
    </message>
    <message>
        <source>cannot create %1 with owner-only permissions</source>
        <translation>%1 kann nicht mit Rechten nur für den Eigentümer angelegt werden</translation>
    </message>
</context>
<context>
    <name>ocs::ProjectInit</name>
    <message>
        <source>tools for the sandbox</source>
        <translation>Werkzeuge für die Sandbox</translation>
    </message>
    <message>
        <source>name, network whitelist, host ports, environment</source>
        <translation>Name, Netzwerk-Whitelist, Host-Ports, Umgebung</translation>
    </message>
    <message>
        <source>model, provider, permissions</source>
        <translation>Modell, Anbieter, Berechtigungen</translation>
    </message>
    <message>
        <source>runs on the host before each start</source>
        <translation>läuft vor jedem Start auf dem Host</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation>%1 ist kein Ordner.</translation>
    </message>
    <message>
        <source>Create %1 (%2)?</source>
        <translation>%1 anlegen (%2)?</translation>
    </message>
    <message>
        <source>Add %1 to .gitignore (it may hold secrets)?</source>
        <translation>%1 in .gitignore eintragen (sie kann Geheimnisse enthalten)?</translation>
    </message>
</context>
<context>
    <name>ocs::ProjectRegistry</name>
    <message>
        <source>%1 is not a folder.</source>
        <translation>%1 ist kein Ordner.</translation>
    </message>
</context>
<context>
    <name>ocs::PublishedPorts</name>
    <message>
        <source>%1 has errors; fix them first (`ocs validate` lists them):
%2</source>
        <translation>%1 hat Fehler; beheben Sie sie zuerst (`ocs validate` listet sie auf):
%2</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>cannot save %1: %2</source>
        <translation>%1 kann nicht gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>ocs::RootPolicy</name>
    <message>
        <source>Not started: OpenCode Sandbox does not run sandboxes as root. The sandbox&apos;s user `dev` is never root, so it could not write the project folder and the state folder that root owns.
Fix: run it as an ordinary user who owns the project, e.g. `runuser -u USER -- ocs start` (in a container or CI: create such a user first, `useradd -m USER`, and give it the project folder and access to the engine).</source>
        <translation>Nicht gestartet: OpenCode Sandbox führt Sandboxen nicht als root aus. Der Benutzer `dev` der Sandbox ist nie root und könnte daher weder den Projektordner noch den Zustandsordner beschreiben, die root gehören.
Abhilfe: Starten Sie es als gewöhnlicher Benutzer, dem das Projekt gehört, z. B. `runuser -u USER -- ocs start` (in einem Container oder in CI: Legen Sie zuerst einen solchen Benutzer an, `useradd -m USER`, und geben Sie ihm den Projektordner und Zugriff auf die Engine).</translation>
    </message>
</context>
<context>
    <name>ocs::RunPlanner</name>
    <message>
        <source>Not started:
  %1</source>
        <translation>Nicht gestartet:
  %1</translation>
    </message>
    <message>
        <source>Not started: the value of %1 (%2) contains a line break, which the container engine cannot pass into the sandbox.</source>
        <translation>Nicht gestartet: Der Wert von %1 (%2) enthält einen Zeilenumbruch, den die Container-Engine nicht in die Sandbox übergeben kann.</translation>
    </message>
    <message>
        <source>Not started: the value of %1 (%2) is longer than the container engine can pass (64 KiB).</source>
        <translation>Nicht gestartet: Der Wert von %1 (%2) ist länger, als die Container-Engine übergeben kann (64 KiB).</translation>
    </message>
    <message>
        <source>OCS_EXTRA_HOSTS: &quot;%1&quot; is not NAME=ADDRESS</source>
        <translation>OCS_EXTRA_HOSTS: &quot;%1&quot; hat nicht die Form NAME=ADDRESS</translation>
    </message>
    <message>
        <source>The project path %1 contains &apos;:&apos; or &apos;,&apos;, which the container engine cannot mount; move or rename the folder.</source>
        <translation>Der Projektpfad %1 enthält &apos;:&apos; oder &apos;,&apos;, was die Container-Engine nicht einbinden kann; verschieben Sie den Ordner oder benennen Sie ihn um.</translation>
    </message>
    <message>
        <source>the server password</source>
        <translation>das Server-Passwort</translation>
    </message>
    <message>
        <source>%1 (%2 is not set)</source>
        <translation>%1 (%2 ist nicht gesetzt)</translation>
    </message>
    <message>
        <source>env-passthrough from the host&apos;s %1</source>
        <translation>env-passthrough aus der Variable %1 des Hosts</translation>
    </message>
</context>
<context>
    <name>ocs::SandboxController</name>
    <message>
        <source>Image %1 built; build log: %2</source>
        <translation>Image %1 gebaut; Build-Protokoll: %2</translation>
    </message>
    <message>
        <source>%1 is already running.</source>
        <translation>%1 läuft bereits.</translation>
    </message>
    <message>
        <source>The last run of %1 was ended by its guard:
  %2</source>
        <translation>Der letzte Lauf von %1 wurde von seinem Wächter beendet:
  %2</translation>
    </message>
    <message>
        <source>Running the pre-start hook %1</source>
        <translation>Der Pre-Start-Hook %1 läuft</translation>
    </message>
    <message>
        <source>Not started: this is the first start of %1, which may reach:</source>
        <translation>Nicht gestartet: Dies ist der erste Start von %1; die Sandbox darf Folgendes erreichen:</translation>
    </message>
    <message>
        <source>Not started: %1 changed since the last start, widening or narrowing what the sandbox may reach:</source>
        <translation>Nicht gestartet: %1 hat sich seit dem letzten Start geändert und erweitert oder verengt, was die Sandbox erreichen darf:</translation>
    </message>
    <message>
        <source>Accept to start (`ocs start --yes`, or answer yes).</source>
        <translation>Stimmen Sie zu, um zu starten (`ocs start --yes` oder mit Ja antworten).</translation>
    </message>
    <message>
        <source>No image for %1 yet: building it (the first build takes a few minutes).</source>
        <translation>Noch kein Image für %1: Es wird gebaut (das erste Bauen dauert einige Minuten).</translation>
    </message>
    <message>
        <source>mise.toml changed since the image was built: run `ocs rebuild` to install its tools.</source>
        <translation>mise.toml hat sich seit dem Bauen des Images geändert: Führen Sie `ocs rebuild` aus, um seine Werkzeuge zu installieren.</translation>
    </message>
    <message>
        <source>No free port between %1 and %2 on 127.0.0.1.</source>
        <translation>Kein freier Port zwischen %1 und %2 auf 127.0.0.1.</translation>
    </message>
    <message>
        <source>Not passed into the sandbox: %1</source>
        <translation>Nicht an die Sandbox übergeben: %1</translation>
    </message>
    <message>
        <source>Starting %1 on http://127.0.0.1:%2</source>
        <translation>%1 wird auf http://127.0.0.1:%2 gestartet</translation>
    </message>
    <message>
        <source>Starting the container</source>
        <translation>Starten des Containers</translation>
    </message>
    <message>
        <source>OpenCode did not answer its health check within %1 s (last: %2). See `ocs logs`.</source>
        <translation>OpenCode hat nicht innerhalb von %1 s auf die Zustandsprüfung geantwortet (zuletzt: %2). Siehe `ocs logs`.</translation>
    </message>
    <message>
        <source>The sandbox stopped while starting (its container is gone). Its last output:
  %1</source>
        <translation>Die Sandbox hat beim Starten angehalten (ihr Container ist verschwunden). Ihre letzte Ausgabe:
  %1</translation>
    </message>
    <message>
        <source>The sandbox stopped while starting (container %1). Its last output:
  %2</source>
        <translation>Die Sandbox hat beim Starten angehalten (Container %1). Ihre letzte Ausgabe:
  %2</translation>
    </message>
    <message>
        <source>%1 was not running.</source>
        <translation>%1 lief nicht.</translation>
    </message>
    <message>
        <source>Stopping %1</source>
        <translation>Stoppen von %1</translation>
    </message>
    <message>
        <source>Warning: the engine ignored this sandbox&apos;s limits (pids-limit, memory-limit, cpu-limit): rootless Podman on cgroup v1 cannot apply them, so the agent can use every process and all memory your user may. Switch the host to cgroup v2 (systemd.unified_cgroup_hierarchy=1) or use Docker.</source>
        <translation>Warnung: Die Engine hat die Grenzen dieser Sandbox ignoriert (pids-limit, memory-limit, cpu-limit): Rootless Podman kann sie unter cgroup v1 nicht anwenden, daher kann der Agent so viele Prozesse und so viel Speicher nutzen, wie Ihr Benutzer darf. Stellen Sie den Host auf cgroup v2 um (systemd.unified_cgroup_hierarchy=1) oder verwenden Sie Docker.</translation>
    </message>
    <message>
        <source>Cannot write the network policy: %1</source>
        <translation>Die Netzwerkrichtlinie kann nicht geschrieben werden: %1</translation>
    </message>
    <message>
        <source>No free port on 127.0.0.1 for the sandbox&apos;s port %1.</source>
        <translation>Kein freier Port auf 127.0.0.1 für den Port %1 der Sandbox.</translation>
    </message>
    <message>
        <source>Your OpenCode settings (%1) are not shared: %2</source>
        <translation>Ihre OpenCode-Einstellungen (%1) werden nicht geteilt: %2</translation>
    </message>
    <message>
        <source>Your OpenCode settings are shared read-only, without: %1</source>
        <translation>Ihre OpenCode-Einstellungen werden nur lesend geteilt, ohne: %1</translation>
    </message>
    <message>
        <source>Port %1 of the sandbox: http://127.0.0.1:%2/</source>
        <translation>Port %1 der Sandbox: http://127.0.0.1:%2/</translation>
    </message>
    <message>
        <source>Port %1 of the sandbox: http://127.0.0.1:%2/ (%1 is in use on this computer)</source>
        <translation>Port %1 der Sandbox: http://127.0.0.1:%2/ (%1 ist auf diesem Computer belegt)</translation>
    </message>
    <message>
        <source>Injected secrets (the agent sees placeholders): %1</source>
        <translation>Eingesetzte Geheimnisse (der Agent sieht Platzhalter): %1</translation>
    </message>
    <message>
        <source>Injected secrets without a value (their placeholders go out unchanged; set one with `ocs secret set NAME`): %1</source>
        <translation>Eingesetzte Geheimnisse ohne Wert (ihre Platzhalter gehen unverändert hinaus; setzen Sie einen mit `ocs secret set NAME`): %1</translation>
    </message>
    <message>
        <source>Secret: %1</source>
        <translation>Geheimnis: %1</translation>
    </message>
    <message>
        <source>The injected secrets could not be handed to the sandbox&apos;s proxy (its requests carry the placeholders): %1</source>
        <translation>Die eingesetzten Geheimnisse konnten dem Proxy der Sandbox nicht übergeben werden (seine Anfragen tragen die Platzhalter): %1</translation>
    </message>
</context>
<context>
    <name>ocs::SandboxLister</name>
    <message>
        <source>Listing containers</source>
        <translation>Auflisten der Container</translation>
    </message>
    <message>
        <source>Inspecting containers</source>
        <translation>Untersuchen der Container</translation>
    </message>
</context>
<context>
    <name>ocs::SandboxRecord</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>ocs::SandboxUsage</name>
    <message>
        <source>memory %1 of %2</source>
        <translation>Speicher %1 von %2</translation>
    </message>
    <message>
        <source>memory %1</source>
        <translation>Speicher %1</translation>
    </message>
    <message>
        <source>memory limit %1</source>
        <translation>Speichergrenze %1</translation>
    </message>
    <message>
        <source>%1 CPUs</source>
        <translation>%1 CPUs</translation>
    </message>
    <message>
        <source>at most %1 processes</source>
        <translation>höchstens %1 Prozesse</translation>
    </message>
    <message>
        <source>no resource limits (the container engine did not apply them)</source>
        <translation>keine Ressourcengrenzen (die Container-Engine hat sie nicht angewendet)</translation>
    </message>
</context>
<context>
    <name>ocs::SandboxVerifier</name>
    <message>
        <source>the sandbox</source>
        <translation>die Sandbox</translation>
    </message>
    <message>
        <source>The probes in %1 did not finish in time.</source>
        <translation>Die Prüfungen in %1 wurden nicht rechtzeitig fertig.</translation>
    </message>
    <message>
        <source>Running the probes</source>
        <translation>Ausführen der Prüfungen</translation>
    </message>
    <message>
        <source>%1 is not running; start it with `ocs start`.</source>
        <translation>%1 läuft nicht; starten Sie die Sandbox mit `ocs start`.</translation>
    </message>
    <message>
        <source>The image of %1 has no probe script (it was built before `ocs verify` existed): run `ocs rebuild`, then stop and start the sandbox.</source>
        <translation>Das Image von %1 enthält kein Prüfskript (es wurde gebaut, bevor es `ocs verify` gab): Führen Sie `ocs rebuild` aus, dann stoppen und starten Sie die Sandbox.</translation>
    </message>
    <message>
        <source>The probes in %1 reported nothing (exit status %2)%3</source>
        <translation>Die Prüfungen in %1 haben nichts gemeldet (Exit-Status %2)%3</translation>
    </message>
    <message>
        <source>the probe script ended with status %1%2</source>
        <translation>das Prüfskript endete mit Status %1%2</translation>
    </message>
</context>
<context>
    <name>ocs::SecretDelivery</name>
    <message>
        <source>Handing the secrets to the proxy</source>
        <translation>Übergebe die Geheimnisse an den Proxy</translation>
    </message>
    <message>
        <source>the proxy&apos;s loader failed (status %1)</source>
        <translation>der Lader des Proxys ist fehlgeschlagen (Status %1)</translation>
    </message>
</context>
<context>
    <name>ocs::SecretStore</name>
    <message>
        <source>a quote in the command is not closed</source>
        <translation>ein Anführungszeichen im Befehl ist nicht geschlossen</translation>
    </message>
    <message>
        <source>the command is empty</source>
        <translation>der Befehl ist leer</translation>
    </message>
    <message>
        <source>no project here: use --shared for a secret of all projects</source>
        <translation>hier ist kein Projekt: verwenden Sie --shared für ein Geheimnis aller Projekte</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>%1 kann nicht geschrieben werden</translation>
    </message>
    <message>
        <source>a keychain value is stored with its value (`ocs secret set NAME`)</source>
        <translation>ein Schlüsselbund-Wert wird mit seinem Wert gespeichert (`ocs secret set NAME`)</translation>
    </message>
    <message>
        <source>host variable %1</source>
        <translation>Host-Variable %1</translation>
    </message>
    <message>
        <source>the cache time must be 0 or more seconds</source>
        <translation>die Cache-Dauer muss 0 oder mehr Sekunden betragen</translation>
    </message>
    <message>
        <source>the value cannot be used: %1</source>
        <translation>der Wert ist nicht verwendbar: %1</translation>
    </message>
    <message>
        <source>the keychain did not store %1 (%2)</source>
        <translation>der Schlüsselbund hat %1 nicht gespeichert (%2)</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>keine Antwort</translation>
    </message>
    <message>
        <source>the keychain did not remove %1 (%2)</source>
        <translation>der Schlüsselbund hat %1 nicht entfernt (%2)</translation>
    </message>
    <message>
        <source>the keychain did not answer</source>
        <translation>der Schlüsselbund hat nicht geantwortet</translation>
    </message>
    <message>
        <source>the keychain is not available (%1)</source>
        <translation>der Schlüsselbund ist nicht verfügbar (%1)</translation>
    </message>
    <message>
        <source>no keychain is available (OCS_KEYCHAIN is off or no D-Bus session is running); secrets are kept only in the keychain, or come from a host variable or command (--from-env, --from-command)</source>
        <translation>kein Schlüsselbund verfügbar (OCS_KEYCHAIN ist aus oder keine D-Bus-Sitzung läuft); Geheimnisse werden nur im Schlüsselbund gehalten oder kommen aus einer Host-Variable oder einem Befehl (--from-env, --from-command)</translation>
    </message>
    <message>
        <source>the value from %1 cannot be used: %2</source>
        <translation>der Wert aus %1 ist nicht verwendbar: %2</translation>
    </message>
    <message>
        <source>keychain (all projects)</source>
        <translation>Schlüsselbund (alle Projekte)</translation>
    </message>
    <message>
        <source>keychain (this project)</source>
        <translation>Schlüsselbund (dieses Projekt)</translation>
    </message>
    <message>
        <source>command `%1`</source>
        <translation>Befehl `%1`</translation>
    </message>
    <message>
        <source>the command `%1` did not finish within %2 s</source>
        <translation>der Befehl `%1` wurde nicht innerhalb von %2 s fertig</translation>
    </message>
    <message>
        <source>the command `%1` could not start: %2</source>
        <translation>der Befehl `%1` konnte nicht starten: %2</translation>
    </message>
    <message>
        <source>the command `%1` failed (exit code %2)%3</source>
        <translation>der Befehl `%1` ist fehlgeschlagen (Exit-Code %2)%3</translation>
    </message>
    <message>
        <source>the command `%1` printed nothing</source>
        <translation>der Befehl `%1` hat nichts ausgegeben</translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation>er ist leer</translation>
    </message>
    <message>
        <source>it is longer than %1 bytes</source>
        <translation>er ist länger als %1 Bytes</translation>
    </message>
    <message>
        <source>it holds a line break</source>
        <translation>er enthält einen Zeilenumbruch</translation>
    </message>
    <message>
        <source>it holds characters other than printable ASCII</source>
        <translation>er enthält andere Zeichen als druckbares ASCII</translation>
    </message>
</context>
<context>
    <name>ocs::SignInPage</name>
    <message>
        <source>en</source>
        <extracomment>The language code of the sign-in page (&lt;html lang=&quot;…&quot;&gt;).</extracomment>
        <translation>de</translation>
    </message>
    <message>
        <source>Opening the web UI…</source>
        <translation>Die Web-Oberfläche wird geöffnet…</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Weiter</translation>
    </message>
    <message>
        <source>not a sign-in address of a gateway</source>
        <translation>keine Anmeldeadresse eines Gateways</translation>
    </message>
    <message>
        <source>no private folder for the sign-in page</source>
        <translation>kein privater Ordner für die Anmeldeseite</translation>
    </message>
    <message>
        <source>%1 not found</source>
        <translation>%1 nicht gefunden</translation>
    </message>
    <message>
        <source>%1 could not be started</source>
        <translation>%1 konnte nicht gestartet werden</translation>
    </message>
</context>
<context>
    <name>ocs::StartApproval</name>
    <message>
        <source>+ new protected path: %1 (it did not exist at the last start, so the agent could have written it; read it before you start)</source>
        <translation>+ neuer geschützter Pfad: %1 (er existierte beim letzten Start nicht, der Agent könnte ihn also geschrieben haben; lesen Sie ihn vor dem Start)</translation>
    </message>
    <message>
        <source>(nothing)</source>
        <translation>(nichts)</translation>
    </message>
    <message>
        <source>whitelist (HTTP/HTTPS): %1</source>
        <translation>Whitelist (HTTP/HTTPS): %1</translation>
    </message>
    <message>
        <source>host ports at docker.host: %1</source>
        <translation>Host-Ports unter docker.host: %1</translation>
    </message>
    <message>
        <source>host variables passed in: %1</source>
        <translation>übergebene Host-Variablen: %1</translation>
    </message>
    <message>
        <source>fixed variables (env): %1</source>
        <translation>feste Variablen (env): %1</translation>
    </message>
    <message>
        <source>protection dropped (the agent may change these): %1</source>
        <translation>Schutz aufgehoben (der Agent darf diese ändern): %1</translation>
    </message>
    <message>
        <source>extra CA certificates trusted: %1</source>
        <translation>zusätzlich vertraute CA-Zertifikate: %1</translation>
    </message>
    <message>
        <source>This project lies inside the workspace of the project in %1: its sandbox&apos;s agent could have written this configuration.</source>
        <translation>Dieses Projekt liegt im Arbeitsbereich des Projekts in %1: Der Agent von dessen Sandbox könnte diese Konfiguration geschrieben haben.</translation>
    </message>
    <message>
        <source>(no change to what it may reach)</source>
        <translation>(keine Änderung daran, was sie erreichen darf)</translation>
    </message>
    <message>
        <source>whitelist</source>
        <translation>Whitelist</translation>
    </message>
    <message>
        <source>host port</source>
        <translation>Host-Port</translation>
    </message>
    <message>
        <source>env passthrough</source>
        <translation>durchgereichte Variable</translation>
    </message>
    <message>
        <source>extra CA certificate</source>
        <translation>zusätzliches CA-Zertifikat</translation>
    </message>
    <message>
        <source>protection dropped</source>
        <translation>Schutz aufgehoben</translation>
    </message>
    <message>
        <source>sandbox ports published on this computer&apos;s 127.0.0.1: %1</source>
        <translation>auf 127.0.0.1 dieses Computers veröffentlichte Ports der Sandbox: %1</translation>
    </message>
    <message>
        <source>published port</source>
        <translation>veröffentlichter Port</translation>
    </message>
    <message>
        <source>secrets the proxy puts into requests to these hosts (the agent sees placeholders): %1</source>
        <translation>Geheimnisse, die der Proxy in Anfragen an diese Hosts einsetzt (der Agent sieht Platzhalter): %1</translation>
    </message>
    <message>
        <source>injected secret</source>
        <translation>eingesetztes Geheimnis</translation>
    </message>
</context>
<context>
    <name>ocs::TrayLink</name>
    <message>
        <source>no tray app is listening</source>
        <translation>keine Tray-App wartet auf Anfragen</translation>
    </message>
    <message>
        <source>not this user&apos;s tray app</source>
        <translation>nicht die Tray-App dieses Benutzers</translation>
    </message>
    <message>
        <source>the tray app&apos;s reply is too long</source>
        <translation>die Antwort der Tray-App ist zu lang</translation>
    </message>
    <message>
        <source>unexpected reply</source>
        <translation>unerwartete Antwort</translation>
    </message>
    <message>
        <source>the tray app does not know this request</source>
        <translation>die Tray-App kennt diese Anfrage nicht</translation>
    </message>
    <message>
        <source>the tray app closed the connection</source>
        <translation>die Tray-App hat die Verbindung geschlossen</translation>
    </message>
    <message>
        <source>the tray app did not answer in time</source>
        <translation>die Tray-App hat nicht rechtzeitig geantwortet</translation>
    </message>
    <message>
        <source>this project is not in the app&apos;s list</source>
        <translation>dieses Projekt steht nicht in der Liste der App</translation>
    </message>
    <message>
        <source>%1 is not running in the app</source>
        <translation>%1 läuft nicht in der App</translation>
    </message>
</context>
<context>
    <name>ocs::WebGateway</name>
    <message>
        <source>The gateway is already listening</source>
        <translation>Das Gateway wartet bereits auf Verbindungen</translation>
    </message>
</context>
<context>
    <name>ocs::WhitelistPresetResolver</name>
    <message>
        <source>npm is not installed here, so its registry is unknown.</source>
        <translation>npm ist hier nicht installiert, daher ist seine Registry unbekannt.</translation>
    </message>
    <message>
        <source>`npm config get registry` named no registry.</source>
        <translation>`npm config get registry` hat keine Registry genannt.</translation>
    </message>
    <message>
        <source>pip is not installed here and PIP_INDEX_URL is not set, so the package index is unknown.</source>
        <translation>pip ist hier nicht installiert und PIP_INDEX_URL ist nicht gesetzt, daher ist der Paketindex unbekannt.</translation>
    </message>
    <message>
        <source>Neither PIP_INDEX_URL nor `pip config get global.index-url` names a package index.</source>
        <translation>Weder PIP_INDEX_URL noch `pip config get global.index-url` nennt einen Paketindex.</translation>
    </message>
</context>
<context>
    <name>ocs::WorkspaceFile</name>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Bytes</translation>
    </message>
    <message>
        <source>it is a symbolic link; files the host acts on are not followed through links (anything in the workspace, the agent included, can point one anywhere): replace it with the file itself</source>
        <translation>es ist ein symbolischer Link; Dateien, mit denen der Host arbeitet, werden nicht über Links verfolgt (alles im Arbeitsbereich, auch der Agent, kann einen Link auf ein beliebiges Ziel zeigen lassen): Ersetzen Sie ihn durch die Datei selbst</translation>
    </message>
    <message>
        <source>it is a folder, not a file</source>
        <translation>es ist ein Ordner, keine Datei</translation>
    </message>
    <message>
        <source>it is a named pipe (FIFO), not a regular file</source>
        <translation>es ist eine benannte Pipe (FIFO), keine reguläre Datei</translation>
    </message>
    <message>
        <source>it is a socket, not a regular file</source>
        <translation>es ist ein Socket, keine reguläre Datei</translation>
    </message>
    <message>
        <source>it is a device, not a regular file</source>
        <translation>es ist ein Gerät, keine reguläre Datei</translation>
    </message>
    <message>
        <source>it is not a regular file</source>
        <translation>es ist keine reguläre Datei</translation>
    </message>
    <message>
        <source>there is no such file</source>
        <translation>diese Datei gibt es nicht</translation>
    </message>
    <message>
        <source>it has %1 hard links; a protected file must have exactly one (the agent could change it through another name). Replace it with a copy (cp, then mv over it)</source>
        <translation>es hat %1 harte Links; eine geschützte Datei muss genau einen haben (der Agent könnte sie über einen anderen Namen ändern). Ersetzen Sie sie durch eine Kopie (cp, dann mv darüber)</translation>
    </message>
    <message>
        <source>it is larger than %1, the most read from such a file</source>
        <translation>es ist größer als %1, die Höchstmenge, die aus einer solchen Datei gelesen wird</translation>
    </message>
    <message>
        <source>the path leads out of the project folder %1</source>
        <translation>der Pfad führt aus dem Projektordner %1 hinaus</translation>
    </message>
    <message>
        <source>cannot open the project folder %1: %2</source>
        <translation>der Projektordner %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>the folder %1 on its way is a symbolic link; the host does not follow links in the workspace (they can lead out of the project)</source>
        <translation>der Ordner %1 auf dem Weg dorthin ist ein symbolischer Link; der Host folgt keinen Links im Arbeitsbereich (sie können aus dem Projekt hinausführen)</translation>
    </message>
    <message>
        <source>%1 on its way is not a folder</source>
        <translation>%1 auf dem Weg dorthin ist kein Ordner</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
</context>
<context>
    <name>ocs::WorkspaceProtection</name>
    <message>
        <source>%1/%2 is a symbolic link (to %3): a protected path must not lead anywhere else, since the sandbox would mount whatever it names. Replace the link by the real file or folder, or drop &quot;%4&quot; from read-only-paths with &quot;!%4&quot;.</source>
        <translation>%1/%2 ist ein symbolischer Link (auf %3): Ein geschützter Pfad darf nirgendwohin sonst führen, da die Sandbox einhängen würde, was er benennt. Ersetzen Sie den Link durch die echte Datei oder den echten Ordner oder nehmen Sie &quot;%4&quot; mit &quot;!%4&quot; aus read-only-paths heraus.</translation>
    </message>
    <message>
        <source>%1/%2 has %3 hard links: the agent could change it through another name. Give it a single name (copy it and replace the original).</source>
        <translation>%1/%2 hat %3 harte Links: Der Agent könnte es unter einem anderen Namen ändern. Geben Sie ihm einen einzigen Namen (kopieren Sie es und ersetzen Sie das Original).</translation>
    </message>
    <message>
        <source>%1/%2 is neither a file nor a folder (a device, socket or FIFO); remove it.</source>
        <translation>%1/%2 ist weder eine Datei noch ein Ordner (ein Gerät, Socket oder FIFO); entfernen Sie es.</translation>
    </message>
    <message>
        <source>%1/.git/commondir exists: git would take its configuration from the folder it names, which the sandbox cannot protect. A repository&apos;s main .git folder has no commondir; remove it (it may have been planted).</source>
        <translation>%1/.git/commondir existiert: git würde seine Konfiguration aus dem darin genannten Ordner nehmen, den die Sandbox nicht schützen kann. Der .git-Hauptordner eines Repositorys hat kein commondir; entfernen Sie es (es könnte untergeschoben worden sein).</translation>
    </message>
    <message>
        <source>(%1 more)</source>
        <translation>(%1 weitere)</translation>
    </message>
    <message>
        <source>Repositories nested in the workspace: %1. Their git configuration and hooks are not protected: the agent can change them. Look before you run git in them on the host.</source>
        <translation>Im Arbeitsbereich verschachtelte Repositorys: %1. Ihre git-Konfiguration und Hooks sind nicht geschützt: Der Agent kann sie ändern. Prüfen Sie sie, bevor Sie auf dem Host git darin ausführen.</translation>
    </message>
</context>
<context>
    <name>ocs::gateway::GatewayConnection</name>
    <message>
        <source>Bad request</source>
        <translation>Ungültige Anfrage</translation>
    </message>
    <message>
        <source>The gateway could not read this request.</source>
        <translation>Das Gateway konnte diese Anfrage nicht lesen.</translation>
    </message>
    <message>
        <source>The request body is malformed.</source>
        <translation>Der Inhalt der Anfrage ist fehlerhaft.</translation>
    </message>
    <message>
        <source>Unsupported HTTP version</source>
        <translation>Nicht unterstützte HTTP-Version</translation>
    </message>
    <message>
        <source>Only HTTP/1.0 and HTTP/1.1 are supported.</source>
        <translation>Nur HTTP/1.0 und HTTP/1.1 werden unterstützt.</translation>
    </message>
    <message>
        <source>Ambiguous message framing.</source>
        <translation>Die Länge der Nachricht ist mehrdeutig angegeben.</translation>
    </message>
    <message>
        <source>Not implemented</source>
        <translation>Nicht implementiert</translation>
    </message>
    <message>
        <source>Unsupported transfer coding.</source>
        <translation>Nicht unterstützte Transferkodierung.</translation>
    </message>
    <message>
        <source>Invalid Content-Length.</source>
        <translation>Ungültige Content-Length.</translation>
    </message>
    <message>
        <source>Wrong address</source>
        <translation>Falsche Adresse</translation>
    </message>
    <message>
        <source>This gateway only answers requests addressed to itself.</source>
        <translation>Dieses Gateway beantwortet nur Anfragen, die an es selbst gerichtet sind.</translation>
    </message>
    <message>
        <source>Unsupported request target.</source>
        <translation>Nicht unterstütztes Anfrageziel.</translation>
    </message>
    <message>
        <source>Forbidden</source>
        <translation>Verboten</translation>
    </message>
    <message>
        <source>Requests from other sites are not allowed.</source>
        <translation>Anfragen von anderen Websites sind nicht erlaubt.</translation>
    </message>
    <message>
        <source>Method not allowed</source>
        <translation>Methode nicht erlaubt</translation>
    </message>
    <message>
        <source>This method is not supported.</source>
        <translation>Diese Methode wird nicht unterstützt.</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <source>There is nothing at this address.</source>
        <translation>Unter dieser Adresse gibt es nichts.</translation>
    </message>
    <message>
        <source>Sign-in required</source>
        <translation>Anmeldung erforderlich</translation>
    </message>
    <message>
        <source>Open this sandbox with “Open web UI” in the OpenCode Sandbox app to sign in.</source>
        <translation>Öffnen Sie diese Sandbox mit „Web-Oberfläche öffnen“ in der App OpenCode Sandbox, um sich anzumelden.</translation>
    </message>
    <message>
        <source>An upgrade request cannot have a body.</source>
        <translation>Eine Upgrade-Anfrage darf keinen Inhalt haben.</translation>
    </message>
    <message>
        <source>Sign-in link expired</source>
        <translation>Anmeldelink abgelaufen</translation>
    </message>
    <message>
        <source>This sign-in link was already used or has expired. Use “Open web UI” in the OpenCode Sandbox app again.</source>
        <translation>Dieser Anmeldelink wurde bereits verwendet oder ist abgelaufen. Verwenden Sie erneut „Web-Oberfläche öffnen“ in der App OpenCode Sandbox.</translation>
    </message>
    <message>
        <source>OpenCode is not reachable</source>
        <translation>OpenCode ist nicht erreichbar</translation>
    </message>
    <message>
        <source>The OpenCode server of this sandbox did not answer. It may still be starting, or it has stopped.</source>
        <translation>Der OpenCode-Server dieser Sandbox hat nicht geantwortet. Vielleicht startet er noch, oder er wurde beendet.</translation>
    </message>
    <message>
        <source>en</source>
        <extracomment>The language code of the gateway&apos;s error pages (&lt;html lang=&quot;…&quot;&gt;).</extracomment>
        <translation>de</translation>
    </message>
    <message>
        <source>Request timeout</source>
        <translation>Zeitüberschreitung der Anfrage</translation>
    </message>
    <message>
        <source>The request did not arrive in time.</source>
        <translation>Die Anfrage ist nicht rechtzeitig eingetroffen.</translation>
    </message>
    <message>
        <source>OpenCode did not answer</source>
        <translation>OpenCode hat nicht geantwortet</translation>
    </message>
    <message>
        <source>The OpenCode server of this sandbox did not answer in time.</source>
        <translation>Der OpenCode-Server dieser Sandbox hat nicht rechtzeitig geantwortet.</translation>
    </message>
</context>
<context>
    <name>ocs::tray::BlockedHostNotifier</name>
    <message>
        <source>%1: %2 was blocked</source>
        <translation>%1: %2 wurde blockiert</translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 and %n more were blocked</source>
        <translation>
            <numerusform>%1: %2 und %n weiterer Host wurden blockiert</numerusform>
            <numerusform>%1: %2 und %n weitere Hosts wurden blockiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Click to see the network activity of %1 and allow it.</source>
        <translation>Klicken Sie hier, um die Netzwerkaktivität von %1 zu sehen und blockierte Hosts zu erlauben.</translation>
    </message>
</context>
<context>
    <name>ocs::tray::DesktopNotifier</name>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Allow</source>
        <translation>Erlauben</translation>
    </message>
    <message>
        <source>OpenCode Sandbox</source>
        <translation>OpenCode Sandbox</translation>
    </message>
</context>
<context>
    <name>ocs::tray::HookApprovalDialog</name>
    <message>
        <source>Approve the pre-start hook — %1</source>
        <translation>Pre-Start-Hook freigeben — %1</translation>
    </message>
    <message>
        <source>%1 is new or changed since you last approved it. It runs on your computer, with your rights, before the sandbox starts; anything in the workspace (the agent too) can edit it. Read it, then approve exactly this content or cancel the start.</source>
        <translation>%1 ist neu oder hat sich seit Ihrer letzten Freigabe geändert. Es läuft vor dem Start der Sandbox auf Ihrem Computer, mit Ihren Rechten; alles im Arbeitsbereich (auch der Agent) kann es ändern. Lesen Sie es und geben Sie dann genau diesen Inhalt frei oder brechen Sie den Start ab.</translation>
    </message>
    <message>
        <source>&amp;Approve and start</source>
        <translation>&amp;Freigeben und starten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Approve mise.toml — %1</source>
        <translation>mise.toml freigeben — %1</translation>
    </message>
    <message>
        <source>%1 is new or changed since you last approved it. The image build installs what it names (`mise install`); anything in the workspace (the agent too) can edit it. Read it, then approve exactly this content or cancel.</source>
        <translation>%1 ist neu oder hat sich seit Ihrer letzten Freigabe geändert. Das Bauen des Images installiert, was darin steht (`mise install`); alles im Arbeitsbereich (auch der Agent) kann es ändern. Lesen Sie es und geben Sie dann genau diesen Inhalt frei oder brechen Sie ab.</translation>
    </message>
    <message numerus="yes">
        <source>It holds %n control or invisible character(s) (carriage returns, escape sequences, direction overrides, zero-width marks), shown as \r, \xNN or &lt;U+XXXX&gt;: elsewhere they can hide what it does.</source>
        <translation>
            <numerusform>Sie enthält %n Steuer- oder unsichtbares Zeichen (Wagenrückläufe, Escape-Sequenzen, Richtungswechsel, Zeichen ohne Breite), angezeigt als \r, \xNN oder &lt;U+XXXX&gt;: Anderswo kann es verbergen, was sie tut.</numerusform>
            <numerusform>Sie enthält %n Steuer- oder unsichtbare Zeichen (Wagenrückläufe, Escape-Sequenzen, Richtungswechsel, Zeichen ohne Breite), angezeigt als \r, \xNN oder &lt;U+XXXX&gt;: Anderswo können sie verbergen, was sie tut.</numerusform>
        </translation>
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation>SHA-256: %1</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>&amp;Freigeben</translation>
    </message>
</context>
<context>
    <name>ocs::tray::InitProjectDialog</name>
    <message>
        <source>%1 has no %2 yet. Set it up as a project: the sandbox will see this folder as its workspace.</source>
        <translation>%1 hat noch keine %2. Richten Sie den Ordner als Projekt ein: Die Sandbox sieht ihn als ihren Arbeitsbereich.</translation>
    </message>
    <message>
        <source>%1 (exists, kept as it is)</source>
        <translation>%1 (vorhanden, bleibt unverändert)</translation>
    </message>
    <message>
        <source>Add %1 to .gitignore (it may come to hold secrets)</source>
        <translation>%1 in .gitignore eintragen (sie kann Geheimnisse enthalten)</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>&amp;Anlegen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>ocs::tray::LearnedHostsDialog</name>
    <message>
        <source>Blocked hosts — %1</source>
        <translation>Blockierte Hosts — %1</translation>
    </message>
    <message>
        <source>While learning, the proxy of %1 blocked these hosts. Allow the ones the agent needs: they are added to the project&apos;s whitelist.</source>
        <translation>Im Lernmodus hat der Proxy von %1 diese Hosts blockiert. Erlauben Sie die, die der Agent braucht: Sie werden in die Whitelist des Projekts aufgenommen.</translation>
    </message>
    <message>
        <source>Blocked hosts</source>
        <translation>Blockierte Hosts</translation>
    </message>
    <message>
        <source>&amp;Allow selected</source>
        <translation>Ausgewählte &amp;erlauben</translation>
    </message>
    <message>
        <source>&amp;Not now</source>
        <translation>&amp;Nicht jetzt</translation>
    </message>
    <message>
        <source>Could not allow them: %1</source>
        <translation>Die Hosts konnten nicht erlaubt werden: %1</translation>
    </message>
    <message>
        <source>Allowed %1: applied to the running sandbox.</source>
        <translation>%1 erlaubt: in der laufenden Sandbox übernommen.</translation>
    </message>
    <message>
        <source>Allowed %1: applies at the next start.</source>
        <translation>%1 erlaubt: gilt ab dem nächsten Start.</translation>
    </message>
</context>
<context>
    <name>ocs::tray::LineListHighlighter</name>
    <message>
        <source>line %1: %2</source>
        <translation>Zeile %1: %2</translation>
    </message>
</context>
<context>
    <name>ocs::tray::LogViewer</name>
    <message>
        <source>Open the &amp;log file</source>
        <translation>&amp;Protokolldatei öffnen</translation>
    </message>
    <message>
        <source>&amp;Copy all</source>
        <translation>Alles &amp;kopieren</translation>
    </message>
    <message>
        <source>Output of %1 (follows as it grows)</source>
        <translation>Ausgabe von %1 (wird fortlaufend ergänzt)</translation>
    </message>
    <message>
        <source>— the output ended (the sandbox stopped) —</source>
        <translation>— die Ausgabe ist zu Ende (die Sandbox wurde gestoppt) —</translation>
    </message>
    <message>
        <source>— %1 —</source>
        <translation>— %1 —</translation>
    </message>
    <message>
        <source>Reading the output</source>
        <translation>Lesen der Ausgabe</translation>
    </message>
    <message>
        <source>===== %1 =====</source>
        <translation>===== %1 =====</translation>
    </message>
    <message>
        <source>Cl&amp;ose</source>
        <translation>&amp;Schließen</translation>
    </message>
</context>
<context>
    <name>ocs::tray::MainWindow</name>
    <message>
        <source>OpenCode Sandbox</source>
        <translation>OpenCode Sandbox</translation>
    </message>
    <message>
        <source>No projects yet: add one below.</source>
        <translation>Noch keine Projekte: Fügen Sie unten eines hinzu.</translation>
    </message>
</context>
<context>
    <name>ocs::tray::NetworkActivityModel</name>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation>Erlaubt</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <source>Last request</source>
        <translation>Letzte Anfrage</translation>
    </message>
    <message>
        <source>Last rule</source>
        <translation>Letzte Regel</translation>
    </message>
</context>
<context>
    <name>ocs::tray::NetworkActivityWindow</name>
    <message>
        <source>Network activity — %1</source>
        <translation>Netzwerkaktivität — %1</translation>
    </message>
    <message>
        <source>Where the agent of %1 tried to connect, as its proxy decided (kept in the sandbox&apos;s state folder). Allowing or denying a host writes the project&apos;s config file (its comments stay) and the live policy of the sandbox.</source>
        <translation>Wohin sich der Agent von %1 verbinden wollte und wie sein Proxy entschieden hat (gespeichert im Zustandsordner der Sandbox). Das Erlauben oder Sperren eines Hosts schreibt die Konfigurationsdatei des Projekts (ihre Kommentare bleiben erhalten) und die aktive Richtlinie der Sandbox.</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Filter:</translation>
    </message>
    <message>
        <source>Part of a host name</source>
        <translation>Teil eines Hostnamens</translation>
    </message>
    <message>
        <source>Filter hosts</source>
        <translation>Hosts filtern</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Anzeigen:</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Denied</source>
        <translation>Gesperrt</translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation>Erlaubt</translation>
    </message>
    <message>
        <source>Show hosts</source>
        <translation>Angezeigte Hosts</translation>
    </message>
    <message>
        <source>Hosts by domain</source>
        <translation>Hosts nach Domain</translation>
    </message>
    <message>
        <source>Domains and their hosts with allowed and denied request counts. Enter allows the selected host.</source>
        <translation>Domains und ihre Hosts mit der Anzahl erlaubter und gesperrter Anfragen. Die Eingabetaste erlaubt den ausgewählten Host.</translation>
    </message>
    <message>
        <source>&amp;Allow host</source>
        <translation>Host &amp;erlauben</translation>
    </message>
    <message>
        <source>Allow the selected host</source>
        <translation>Den ausgewählten Host erlauben</translation>
    </message>
    <message>
        <source>Allow &amp;domain and subdomains</source>
        <translation>&amp;Domain und Subdomains erlauben</translation>
    </message>
    <message>
        <source>Allow the selected host&apos;s domain and its subdomains</source>
        <translation>Die Domain des ausgewählten Hosts und ihre Subdomains erlauben</translation>
    </message>
    <message>
        <source>De&amp;ny</source>
        <translation>S&amp;perren</translation>
    </message>
    <message>
        <source>Deny the selected host</source>
        <translation>Den ausgewählten Host sperren</translation>
    </message>
    <message>
        <source>Cl&amp;ose</source>
        <translation>&amp;Schließen</translation>
    </message>
    <message>
        <source>Adds %1 to the whitelist</source>
        <translation>Nimmt %1 in die Whitelist auf</translation>
    </message>
    <message>
        <source>Select a host first</source>
        <translation>Wählen Sie zuerst einen Host aus</translation>
    </message>
    <message>
        <source>Adds .%1 to the whitelist: the domain and all its subdomains</source>
        <translation>Nimmt .%1 in die Whitelist auf: die Domain und alle ihre Subdomains</translation>
    </message>
    <message>
        <source>Removes %1 from the whitelist (or blacklists it when a wider entry still allows it)</source>
        <translation>Entfernt %1 aus der Whitelist (oder setzt ihn auf die Blacklist, wenn ein weiter gefasster Eintrag ihn noch erlaubt)</translation>
    </message>
    <message>
        <source>Could not change the policy for %1: %2</source>
        <translation>Die Richtlinie für %1 konnte nicht geändert werden: %2</translation>
    </message>
    <message>
        <source>Denied %1</source>
        <translation>%1 gesperrt</translation>
    </message>
    <message>
        <source>Allowed %1</source>
        <translation>%1 erlaubt</translation>
    </message>
    <message>
        <source>: applied to the running sandbox.</source>
        <translation>: in der laufenden Sandbox übernommen.</translation>
    </message>
    <message>
        <source>: applies at the next start.</source>
        <translation>: gilt ab dem nächsten Start.</translation>
    </message>
</context>
<context>
    <name>ocs::tray::PreferencesDialog</name>
    <message>
        <source>Choose a Docker-compatible program</source>
        <translation>Docker-kompatibles Programm wählen</translation>
    </message>
    <message>
        <source>Automatic (Docker, else Podman)</source>
        <translation>Automatisch (Docker, sonst Podman)</translation>
    </message>
    <message>
        <source>Docker</source>
        <translation>Docker</translation>
    </message>
    <message>
        <source>Podman</source>
        <translation>Podman</translation>
    </message>
    <message>
        <source>Another program…</source>
        <translation>Anderes Programm…</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>This build has no embedded web view (built without Qt WebEngine).</source>
        <translation>Diese Version hat keine eingebettete Webansicht (ohne Qt WebEngine gebaut).</translation>
    </message>
    <message>
        <source>Name the program (a Docker-compatible command line).</source>
        <translation>Geben Sie das Programm an (ein Docker-kompatibles Kommandozeilenprogramm).</translation>
    </message>
    <message>
        <source>Give the full path of the program.</source>
        <translation>Geben Sie den vollständigen Pfad des Programms an.</translation>
    </message>
    <message>
        <source>%1 is not an executable program.</source>
        <translation>%1 ist kein ausführbares Programm.</translation>
    </message>
    <message>
        <source>In use: %1 %2</source>
        <translation>In Verwendung: %1 %2</translation>
    </message>
    <message>
        <source>Looking for the engine…</source>
        <translation>Suche die Engine…</translation>
    </message>
    <message>
        <source>OCS_ENGINE is set in the environment and takes precedence.</source>
        <translation>OCS_ENGINE ist in der Umgebung gesetzt und hat Vorrang.</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>ocs::tray::ProjectMenu</name>
    <message>
        <source>Container engine not available</source>
        <translation>Container-Engine nicht verfügbar</translation>
    </message>
    <message>
        <source>The configuration has errors (see Settings…)</source>
        <translation>Die Konfiguration enthält Fehler (siehe Einstellungen…)</translation>
    </message>
    <message>
        <source>Settings changed: restart to apply them</source>
        <translation>Einstellungen geändert: zum Übernehmen neu starten</translation>
    </message>
    <message>
        <source>The pre-start hook changed and needs your approval</source>
        <translation>Der Pre-Start-Hook hat sich geändert und braucht Ihre Freigabe</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Starten</translation>
    </message>
    <message>
        <source>&amp;Restart</source>
        <translation>&amp;Neu starten</translation>
    </message>
    <message>
        <source>Open &amp;web UI</source>
        <translation>&amp;Web-Oberfläche öffnen</translation>
    </message>
    <message>
        <source>Opens the web UI in your browser, already signed in</source>
        <translation>Öffnet die Web-Oberfläche im Browser, bereits angemeldet</translation>
    </message>
    <message>
        <source>Start the sandbox first</source>
        <translation>Starten Sie zuerst die Sandbox</translation>
    </message>
    <message>
        <source>Open &amp;terminal</source>
        <translation>&amp;Terminal öffnen</translation>
    </message>
    <message>
        <source>Runs `ocs terminal` in a terminal window</source>
        <translation>Führt `ocs terminal` in einem Terminalfenster aus</translation>
    </message>
    <message>
        <source>Show &amp;logs</source>
        <translation>&amp;Logs anzeigen</translation>
    </message>
    <message>
        <source>The sandbox&apos;s output (OpenCode, proxy, firewall)</source>
        <translation>Die Ausgabe der Sandbox (OpenCode, Proxy, Firewall)</translation>
    </message>
    <message>
        <source>Show error &amp;details…</source>
        <translation>Fehler&amp;details anzeigen…</translation>
    </message>
    <message>
        <source>Re&amp;build image</source>
        <translation>Image neu &amp;bauen</translation>
    </message>
    <message>
        <source>Builds the sandbox image again (after changing mise.toml)</source>
        <translation>Baut das Sandbox-Image neu (nach Änderungen an mise.toml)</translation>
    </message>
    <message>
        <source>&amp;Verify sandbox</source>
        <translation>Sandbox p&amp;rüfen</translation>
    </message>
    <message>
        <source>Review the pre-start &amp;hook…</source>
        <translation>Pre-Start-&amp;Hook prüfen…</translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>Open project &amp;folder</source>
        <translation>Projekt&amp;ordner öffnen</translation>
    </message>
    <message>
        <source>Re&amp;move from list</source>
        <translation>Aus der Liste ent&amp;fernen</translation>
    </message>
    <message>
        <source>Forgets the project here; its files and a running sandbox stay as they are</source>
        <translation>Vergisst das Projekt hier; seine Dateien und eine laufende Sandbox bleiben, wie sie sind</translation>
    </message>
    <message>
        <source>St&amp;op (cancel the build)</source>
        <translation>Sto&amp;ppen (Build abbrechen)</translation>
    </message>
    <message>
        <source>St&amp;op</source>
        <translation>Sto&amp;ppen</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>Wird geprüft…</translation>
    </message>
    <message>
        <source>Checks the sandbox&apos;s isolation from inside, as the agent would (firewall, DNS, proxy, privileges), like `ocs verify`</source>
        <translation>Prüft die Abschottung der Sandbox von innen, so wie der Agent sie sieht (Firewall, DNS, Proxy, Rechte), wie `ocs verify`</translation>
    </message>
    <message>
        <source>&amp;Network activity…</source>
        <translation>Netzwerk&amp;aktivität…</translation>
    </message>
    <message>
        <source>The hosts the sandbox&apos;s proxy allowed and denied; allow or deny them from there</source>
        <translation>Die Hosts, die der Proxy der Sandbox erlaubt und gesperrt hat; dort können Sie sie erlauben oder sperren</translation>
    </message>
    <message>
        <source>Learning mode (collect &amp;blocked hosts)</source>
        <translation>Lern&amp;modus (blockierte Hosts sammeln)</translation>
    </message>
    <message>
        <source>While on, blocked hosts are collected without notifications; when it ends you choose which of them to allow</source>
        <translation>Solange er eingeschaltet ist, werden blockierte Hosts ohne Benachrichtigung gesammelt; wenn er endet, wählen Sie aus, welche davon erlaubt werden</translation>
    </message>
    <message>
        <source>%1: Open in browser</source>
        <translation>%1: Im Browser öffnen</translation>
    </message>
    <message>
        <source>Resources: %1</source>
        <translation>Ressourcen: %1</translation>
    </message>
    <message>
        <source>Published ports (this computer&apos;s 127.0.0.1):</source>
        <translation>Veröffentlichte Ports (127.0.0.1 dieses Computers):</translation>
    </message>
    <message>
        <source>Publish &amp;port…</source>
        <translation>&amp;Port veröffentlichen…</translation>
    </message>
    <message>
        <source>Opens a port of a server in the sandbox on this computer&apos;s 127.0.0.1 (published-ports); a restart applies it</source>
        <translation>Öffnet den Port eines Servers in der Sandbox auf 127.0.0.1 dieses Computers (published-ports); ein Neustart wendet es an</translation>
    </message>
</context>
<context>
    <name>ocs::tray::SecretsPage</name>
    <message>
        <source>all projects</source>
        <translation>alle Projekte</translation>
    </message>
    <message>
        <source>this project</source>
        <translation>dieses Projekt</translation>
    </message>
    <message>
        <source>Keychain (%1)</source>
        <translation>Schlüsselbund (%1)</translation>
    </message>
    <message>
        <source>Host variable %1 (%2)</source>
        <translation>Host-Variable %1 (%2)</translation>
    </message>
    <message>
        <source>Host command (%1)</source>
        <translation>Host-Befehl (%1)</translation>
    </message>
    <message>
        <source>Secrets the agent can use but never read: it sees a placeholder in the variable, and the proxy puts the value into the header of requests to the listed hosts only. The values stay in your keychain (or come from a host variable or command); they are never shown here.</source>
        <translation>Geheimnisse, die der Agent nutzen, aber nie lesen kann: er sieht einen Platzhalter in der Variable, und der Proxy setzt den Wert nur in Anfragen an die genannten Hosts in den Header ein. Die Werte bleiben in Ihrem Schlüsselbund (oder kommen aus einer Host-Variable oder einem Befehl); hier werden sie nie angezeigt.</translation>
    </message>
    <message>
        <source>Variable</source>
        <translation>Variable</translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation>Hosts</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>Header</translation>
    </message>
    <message>
        <source>Value from</source>
        <translation>Wert aus</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>&amp;Hinzufügen…</translation>
    </message>
    <message>
        <source>Add a secret by its variable name (known providers fill in the rest)</source>
        <translation>Ein Geheimnis über seinen Variablennamen hinzufügen (bekannte Anbieter füllen den Rest aus)</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Remove it from this project&apos;s config (a stored value stays in the keychain until you forget it)</source>
        <translation>Aus der Konfiguration dieses Projekts entfernen (ein gespeicherter Wert bleibt im Schlüsselbund, bis Sie ihn vergessen)</translation>
    </message>
    <message>
        <source>Set &amp;value…</source>
        <translation>&amp;Wert setzen…</translation>
    </message>
    <message>
        <source>&amp;Source…</source>
        <translation>&amp;Quelle…</translation>
    </message>
    <message>
        <source>Where the value comes from: the keychain, a host variable, or a host command run at start</source>
        <translation>Woher der Wert kommt: aus dem Schlüsselbund, einer Host-Variable oder einem Host-Befehl beim Start</translation>
    </message>
    <message>
        <source>&amp;Forget value</source>
        <translation>Wert &amp;vergessen</translation>
    </message>
    <message>
        <source>Remove the stored value (or the recorded source) of this secret</source>
        <translation>Den gespeicherten Wert (oder die eingetragene Quelle) dieses Geheimnisses entfernen</translation>
    </message>
    <message>
        <source>%1 (git)</source>
        <translation>%1 (git)</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>set</source>
        <translation>gesetzt</translation>
    </message>
    <message>
        <source>Stored in the keychain (%1)</source>
        <translation>Im Schlüsselbund gespeichert (%1)</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <source>No value yet: the agent gets only the placeholder. Use &quot;Set value…&quot;.</source>
        <translation>Noch kein Wert: der Agent bekommt nur den Platzhalter. Verwenden Sie „Wert setzen…“.</translation>
    </message>
    <message>
        <source>%1 is set in this app&apos;s environment</source>
        <translation>%1 ist in der Umgebung dieser App gesetzt</translation>
    </message>
    <message>
        <source>%1 is not set in this app&apos;s environment</source>
        <translation>%1 ist in der Umgebung dieser App nicht gesetzt</translation>
    </message>
    <message>
        <source>at start</source>
        <translation>beim Start</translation>
    </message>
    <message numerus="yes">
        <source>The command runs at each start; its output is reused for %n second(s).</source>
        <translation>
            <numerusform>Der Befehl läuft bei jedem Start; seine Ausgabe wird %n Sekunde lang wiederverwendet.</numerusform>
            <numerusform>Der Befehl läuft bei jedem Start; seine Ausgabe wird %n Sekunden lang wiederverwendet.</numerusform>
        </translation>
    </message>
    <message>
        <source>checking…</source>
        <translation>wird geprüft…</translation>
    </message>
    <message>
        <source>%1 is also set on the Environment tab: remove it there (one variable comes from one place only).</source>
        <translation>%1 ist auch im Reiter Umgebung gesetzt: entfernen Sie es dort (eine Variable kommt nur aus einer Quelle).</translation>
    </message>
    <message>
        <source>%1: %2 is not in the network whitelist.</source>
        <translation>%1: %2 steht nicht in der Netzwerk-Freigabeliste.</translation>
    </message>
    <message>
        <source>Add %1 to the whitelist</source>
        <translation>%1 zur Freigabeliste hinzufügen</translation>
    </message>
    <message>
        <source>Add a secret</source>
        <translation>Ein Geheimnis hinzufügen</translation>
    </message>
    <message>
        <source>api.example.com</source>
        <translation>api.example.com</translation>
    </message>
    <message>
        <source>x-api-key  or  Authorization: Bearer {}</source>
        <translation>x-api-key  oder  Authorization: Bearer {}</translation>
    </message>
    <message>
        <source>&amp;Variable:</source>
        <translation>&amp;Variable:</translation>
    </message>
    <message>
        <source>&amp;Hosts:</source>
        <translation>&amp;Hosts:</translation>
    </message>
    <message>
        <source>H&amp;eader:</source>
        <translation>H&amp;eader:</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Preset: %1</source>
        <translation>Vorlage: %1</translation>
    </message>
    <message>
        <source>Preset: %1 (and git over HTTPS to %2)</source>
        <translation>Vorlage: %1 (und git über HTTPS zu %2)</translation>
    </message>
    <message>
        <source>%1 is already in the list.</source>
        <translation>%1 steht bereits in der Liste.</translation>
    </message>
    <message>
        <source>Host %1: %2</source>
        <translation>Host %1: %2</translation>
    </message>
    <message>
        <source>Name at least one host the value is for.</source>
        <translation>Nennen Sie mindestens einen Host, für den der Wert ist.</translation>
    </message>
    <message>
        <source>Header: %1</source>
        <translation>Header: %1</translation>
    </message>
    <message>
        <source>Header value: %1</source>
        <translation>Header-Wert: %1</translation>
    </message>
    <message>
        <source>Value of %1</source>
        <translation>Wert von %1</translation>
    </message>
    <message>
        <source>The value of %1 goes into your keychain. The agent never sees it; the proxy adds it to requests to its hosts.</source>
        <translation>Der Wert von %1 kommt in Ihren Schlüsselbund. Der Agent sieht ihn nie; der Proxy fügt ihn in Anfragen an seine Hosts ein.</translation>
    </message>
    <message>
        <source>Use for all &amp;projects</source>
        <translation>Für alle &amp;Projekte verwenden</translation>
    </message>
    <message>
        <source>Store it once for every project that injects %1 (a project&apos;s own value wins)</source>
        <translation>Einmal für jedes Projekt speichern, das %1 einsetzt (der eigene Wert eines Projekts hat Vorrang)</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <source>The value of %1 was not stored: %2</source>
        <translation>Der Wert von %1 wurde nicht gespeichert: %2</translation>
    </message>
    <message>
        <source>Stored the value of %1 in the keychain (%2).</source>
        <translation>Der Wert von %1 wurde im Schlüsselbund gespeichert (%2).</translation>
    </message>
    <message>
        <source>Where the value of %1 comes from</source>
        <translation>Woher der Wert von %1 kommt</translation>
    </message>
    <message>
        <source>The &amp;keychain (set with &quot;Set value…&quot;)</source>
        <translation>Der &amp;Schlüsselbund (gesetzt mit „Wert setzen…“)</translation>
    </message>
    <message>
        <source>A host &amp;variable:</source>
        <translation>Eine Host-&amp;Variable:</translation>
    </message>
    <message>
        <source>A host &amp;command run at start (its output):</source>
        <translation>Ein Host-&amp;Befehl beim Start (seine Ausgabe):</translation>
    </message>
    <message>
        <source>gh auth token</source>
        <translation>gh auth token</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>run at every start</source>
        <translation>bei jedem Start ausführen</translation>
    </message>
    <message>
        <source>Reuse its output for:</source>
        <translation>Seine Ausgabe wiederverwenden für:</translation>
    </message>
    <message>
        <source>Enter the command that prints the value.</source>
        <translation>Geben Sie den Befehl ein, der den Wert ausgibt.</translation>
    </message>
    <message>
        <source>%1 now comes from: %2</source>
        <translation>%1 kommt jetzt aus: %2</translation>
    </message>
    <message>
        <source>Forgot the value of %1 (%2).</source>
        <translation>Der Wert von %1 wurde vergessen (%2).</translation>
    </message>
    <message>
        <source>The value of %1 was not forgotten: %2</source>
        <translation>Der Wert von %1 wurde nicht vergessen: %2</translation>
    </message>
    <message>
        <source>Forget value</source>
        <translation>Wert vergessen</translation>
    </message>
    <message>
        <source>Forget the value of %1 (%2)?</source>
        <translation>Den Wert von %1 (%2) vergessen?</translation>
    </message>
    <message>
        <source>It is removed from the keychain (or the recorded source is dropped) and cannot be shown again. Until you set it anew, the sandbox sends the placeholder unchanged.</source>
        <translation>Er wird aus dem Schlüsselbund entfernt (oder die eingetragene Quelle wird verworfen) und kann nicht wieder angezeigt werden. Bis Sie ihn neu setzen, sendet die Sandbox den Platzhalter unverändert.</translation>
    </message>
    <message>
        <source>&amp;Forget</source>
        <translation>&amp;Vergessen</translation>
    </message>
    <message>
        <source>Whether a value of %1 is stored is unknown: %2</source>
        <translation>Ob ein Wert von %1 gespeichert ist, ist unbekannt: %2</translation>
    </message>
</context>
<context>
    <name>ocs::tray::SettingsDialog</name>
    <message>
        <source>Anthropic (Claude API)</source>
        <translation>Anthropic (Claude-API)</translation>
    </message>
    <message>
        <source>OpenAI API</source>
        <translation>OpenAI-API</translation>
    </message>
    <message>
        <source>GitHub (web, API, raw files)</source>
        <translation>GitHub (Web, API, Rohdateien)</translation>
    </message>
    <message>
        <source>npm (the registry your npm uses)</source>
        <translation>npm (die Registry, die Ihr npm verwendet)</translation>
    </message>
    <message>
        <source>PyPI (the index your pip uses)</source>
        <translation>PyPI (der Index, den Ihr pip verwendet)</translation>
    </message>
    <message>
        <source>Approving the hook</source>
        <translation>Freigabe des Hooks</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>In the sandbox</source>
        <translation>In der Sandbox</translation>
    </message>
    <message>
        <source>From the host variable</source>
        <translation>Aus der Host-Variablen</translation>
    </message>
    <message>
        <source>Set on this computer?</source>
        <translation>Auf diesem Computer gesetzt?</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <translation>%1 (Standard)</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>kein Limit</translation>
    </message>
    <message>
        <source>api.example.com
.example.org</source>
        <translation>api.example.com
.example.org</translation>
    </message>
    <message>
        <source>5432</source>
        <translation>5432</translation>
    </message>
    <message>
        <source>Looking up %1…</source>
        <translation>Ermittle %1…</translation>
    </message>
    <message>
        <source>%1

Which domain should the sandbox reach for it?</source>
        <translation>%1

Welche Domain soll die Sandbox dafür erreichen?</translation>
    </message>
    <message>
        <source>set</source>
        <translation>gesetzt</translation>
    </message>
    <message>
        <source>%1 is set in this app&apos;s environment</source>
        <translation>%1 ist in der Umgebung dieser App gesetzt</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>nicht gesetzt</translation>
    </message>
    <message>
        <source>%1 is not set here; the pre-start hook may set it</source>
        <translation>%1 ist hier nicht gesetzt; der Pre-Start-Hook kann sie setzen</translation>
    </message>
    <message>
        <source>Settings of %1 in &lt;a href=&quot;%2&quot;&gt;%3&lt;/a&gt;</source>
        <translation>Einstellungen von %1 in &lt;a href=&quot;%2&quot;&gt;%3&lt;/a&gt;</translation>
    </message>
    <message>
        <source>Settings — %1</source>
        <translation>Einstellungen — %1</translation>
    </message>
    <message>
        <source>The file cannot be edited here until these problems are fixed in it:
%1</source>
        <translation>Die Datei kann hier erst bearbeitet werden, wenn diese Fehler darin behoben sind:
%1</translation>
    </message>
    <message>
        <source>%1 (chosen automatically; kept while it stays free)</source>
        <translation>%1 (automatisch gewählt; bleibt, solange er frei ist)</translation>
    </message>
    <message>
        <source>chosen at the first start (from 4096 up)</source>
        <translation>wird beim ersten Start gewählt (ab 4096 aufwärts)</translation>
    </message>
    <message>
        <source>This project has no pre-start hook.</source>
        <translation>Dieses Projekt hat keinen Pre-Start-Hook.</translation>
    </message>
    <message>
        <source>The hook holds only comments: nothing runs before a start.</source>
        <translation>Der Hook enthält nur Kommentare: Vor dem Start läuft nichts.</translation>
    </message>
    <message>
        <source>Approved: exactly this content runs on your computer before each start.</source>
        <translation>Freigegeben: Genau dieser Inhalt läuft vor jedem Start auf Ihrem Computer.</translation>
    </message>
    <message>
        <source>Not approved: the hook is new or changed since you last approved it, so starts fail until you approve it. Read it first: it runs on your computer with your rights, and anything in the workspace (the agent too) can edit it.</source>
        <translation>Nicht freigegeben: Der Hook ist neu oder wurde seit Ihrer letzten Freigabe geändert; Starts schlagen fehl, bis Sie ihn freigeben. Lesen Sie ihn zuerst: Er läuft mit Ihren Rechten auf Ihrem Computer, und alles im Arbeitsbereich (auch der Agent) kann ihn ändern.</translation>
    </message>
    <message>
        <source>Memory limit: %1</source>
        <translation>Speicherlimit: %1</translation>
    </message>
    <message>
        <source>CPU limit: %1</source>
        <translation>CPU-Limit: %1</translation>
    </message>
    <message>
        <source>Process limit: %1</source>
        <translation>Prozesslimit: %1</translation>
    </message>
    <message>
        <source>%1 is listed twice</source>
        <translation>%1 steht doppelt in der Liste</translation>
    </message>
    <message>
        <source>Passed through, row %1: %2</source>
        <translation>Durchgereicht, Zeile %1: %2</translation>
    </message>
    <message>
        <source>Fixed value, row %1: %2</source>
        <translation>Fester Wert, Zeile %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) to fix before saving.</source>
        <translation>
            <numerusform>Vor dem Speichern ist %n Fehler zu beheben.</numerusform>
            <numerusform>Vor dem Speichern sind %n Fehler zu beheben.</numerusform>
        </translation>
    </message>
    <message>
        <source>Comments would be lost</source>
        <translation>Kommentare gingen verloren</translation>
    </message>
    <message numerus="yes">
        <source>Saving rewrites parts of %1 whose comments cannot be kept (%n comment(s)). Save anyway?</source>
        <translation>
            <numerusform>Beim Speichern werden Teile von %1 neu geschrieben, deren Kommentar nicht erhalten bleibt (%n Kommentar). Trotzdem speichern?</numerusform>
            <numerusform>Beim Speichern werden Teile von %1 neu geschrieben, deren Kommentare nicht erhalten bleiben (%n Kommentare). Trotzdem speichern?</numerusform>
        </translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation>Trotzdem speichern</translation>
    </message>
    <message>
        <source>The file changed</source>
        <translation>Die Datei hat sich geändert</translation>
    </message>
    <message>
        <source>%1 changed on disk since this window opened. Saving keeps the other changes only in the sections you did not edit here. Save anyway?</source>
        <translation>%1 wurde geändert, seit dieses Fenster geöffnet wurde. Beim Speichern bleiben die anderen Änderungen nur in den Abschnitten erhalten, die Sie hier nicht bearbeitet haben. Trotzdem speichern?</translation>
    </message>
    <message>
        <source>Saving failed</source>
        <translation>Speichern fehlgeschlagen</translation>
    </message>
    <message>
        <source>The settings could not be saved: %1</source>
        <translation>Die Einstellungen konnten nicht gespeichert werden: %1</translation>
    </message>
    <message numerus="yes">
        <source>It holds %n control or invisible character(s) (carriage returns, escape sequences, direction overrides, zero-width marks), shown as \r, \xNN or &lt;U+XXXX&gt;: elsewhere they can hide what it does.</source>
        <translation>
            <numerusform>Sie enthält %n Steuer- oder unsichtbares Zeichen (Wagenrückläufe, Escape-Sequenzen, Richtungswechsel, Zeichen ohne Breite), angezeigt als \r, \xNN oder &lt;U+XXXX&gt;: Anderswo kann es verbergen, was sie tut.</numerusform>
            <numerusform>Sie enthält %n Steuer- oder unsichtbare Zeichen (Wagenrückläufe, Escape-Sequenzen, Richtungswechsel, Zeichen ohne Breite), angezeigt als \r, \xNN oder &lt;U+XXXX&gt;: Anderswo können sie verbergen, was sie tut.</numerusform>
        </translation>
    </message>
    <message>
        <source>Se&amp;crets</source>
        <translation>Geh&amp;eimnisse</translation>
    </message>
    <message>
        <source>%1 looks like a credential: passed through, the agent can read it and send it to any host it may reach. &lt;a href=&quot;inject:%1&quot;&gt;Inject it instead&lt;/a&gt; (the agent sees a placeholder; the proxy adds the value for its API hosts only).</source>
        <translation>%1 sieht nach einem Zugangsschlüssel aus: durchgereicht kann der Agent ihn lesen und an jeden erreichbaren Host senden. &lt;a href=&quot;inject:%1&quot;&gt;Stattdessen einsetzen&lt;/a&gt; (der Agent sieht einen Platzhalter; der Proxy fügt den Wert nur für dessen API-Hosts ein).</translation>
    </message>
    <message>
        <source>Secrets: %1</source>
        <translation>Geheimnisse: %1</translation>
    </message>
</context>
<context>
    <name>ocs::tray::TrayController</name>
    <message>
        <source>&amp;Look for the engine again</source>
        <translation>Erneut nach der Engine &amp;suchen</translation>
    </message>
    <message>
        <source>&amp;Add project…</source>
        <translation>Projekt &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Start a&amp;ll</source>
        <translation>&amp;Alle starten</translation>
    </message>
    <message>
        <source>Stop all</source>
        <translation>Alle stoppen</translation>
    </message>
    <message>
        <source>Stops every running sandbox</source>
        <translation>Stoppt alle laufenden Sandboxen</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <source>A&amp;bout OpenCode Sandbox</source>
        <translation>Ü&amp;ber OpenCode Sandbox</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>OpenCode Sandbox</source>
        <translation>OpenCode Sandbox</translation>
    </message>
    <message>
        <source>Now in the system tray.</source>
        <translation>Jetzt im Systembereich der Kontrollleiste.</translation>
    </message>
    <message>
        <source>%1 is back</source>
        <translation>%1 ist wieder da</translation>
    </message>
    <message>
        <source>The sandboxes can be used again.</source>
        <translation>Die Sandboxen können wieder verwendet werden.</translation>
    </message>
    <message>
        <source>%1 is running</source>
        <translation>%1 läuft</translation>
    </message>
    <message>
        <source>%1 restarted</source>
        <translation>%1 wurde neu gestartet</translation>
    </message>
    <message>
        <source>Web UI on port %1. Open it from the menu.</source>
        <translation>Web-Oberfläche auf Port %1. Öffnen Sie sie über das Menü.</translation>
    </message>
    <message>
        <source>Image of %1 built</source>
        <translation>Image von %1 gebaut</translation>
    </message>
    <message>
        <source>Restart the sandbox to use it.</source>
        <translation>Starten Sie die Sandbox neu, um es zu verwenden.</translation>
    </message>
    <message>
        <source>It is used from the next start.</source>
        <translation>Es wird ab dem nächsten Start verwendet.</translation>
    </message>
    <message>
        <source>Building the image of %1 failed</source>
        <translation>Das Image von %1 konnte nicht gebaut werden</translation>
    </message>
    <message>
        <source>Stopping %1 failed</source>
        <translation>%1 konnte nicht gestoppt werden</translation>
    </message>
    <message>
        <source>Starting %1 failed</source>
        <translation>%1 konnte nicht gestartet werden</translation>
    </message>
    <message>
        <source>Cannot open a terminal</source>
        <translation>Kein Terminal zu öffnen</translation>
    </message>
    <message>
        <source>Cannot open the web UI of %1</source>
        <translation>Die Web-Oberfläche von %1 lässt sich nicht öffnen</translation>
    </message>
    <message>
        <source>No browser could be started.</source>
        <translation>Es konnte kein Browser gestartet werden.</translation>
    </message>
    <message>
        <source>Logs — %1</source>
        <translation>Logs — %1</translation>
    </message>
    <message>
        <source>----- output -----</source>
        <translation>----- Ausgabe -----</translation>
    </message>
    <message>
        <source>What went wrong — %1</source>
        <translation>Was schiefging — %1</translation>
    </message>
    <message>
        <source>Settings of %1 saved</source>
        <translation>Einstellungen von %1 gespeichert</translation>
    </message>
    <message>
        <source>The change (%1) is built into the image: rebuild it and restart %2 now?</source>
        <translation>Die Änderung (%1) steckt im Image: Image neu bauen und %2 jetzt neu starten?</translation>
    </message>
    <message>
        <source>The change (%1) is built into the image: rebuild the image of %2 now?</source>
        <translation>Die Änderung (%1) steckt im Image: Das Image von %2 jetzt neu bauen?</translation>
    </message>
    <message>
        <source>The change (%1) takes effect when %2 restarts. Restart it now?</source>
        <translation>Die Änderung (%1) wirkt, sobald %2 neu startet. Jetzt neu starten?</translation>
    </message>
    <message>
        <source>Apply the new settings</source>
        <translation>Neue Einstellungen übernehmen</translation>
    </message>
    <message>
        <source>Rebuild and restart</source>
        <translation>Neu bauen und neu starten</translation>
    </message>
    <message>
        <source>Rebuild</source>
        <translation>Neu bauen</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>Jetzt neu starten</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>Später</translation>
    </message>
    <message>
        <source>Remove %1 from the list</source>
        <translation>%1 aus der Liste entfernen</translation>
    </message>
    <message>
        <source>%1 is running. Stop it too? Its files stay as they are either way.</source>
        <translation>%1 läuft. Auch stoppen? Die Dateien bleiben in jedem Fall, wie sie sind.</translation>
    </message>
    <message>
        <source>Stop and remove</source>
        <translation>Stoppen und entfernen</translation>
    </message>
    <message>
        <source>Remove, keep it running</source>
        <translation>Entfernen, weiterlaufen lassen</translation>
    </message>
    <message>
        <source>Choose the project folder</source>
        <translation>Projektordner wählen</translation>
    </message>
    <message>
        <source>Cannot add the project</source>
        <translation>Das Projekt kann nicht hinzugefügt werden</translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation>%1 ist kein Ordner.</translation>
    </message>
    <message>
        <source>Already in the list</source>
        <translation>Schon in der Liste</translation>
    </message>
    <message>
        <source>Project added</source>
        <translation>Projekt hinzugefügt</translation>
    </message>
    <message>
        <source>Project set up</source>
        <translation>Projekt eingerichtet</translation>
    </message>
    <message>
        <source>OpenCode Sandbox is running</source>
        <translation>OpenCode Sandbox läuft</translation>
    </message>
    <message>
        <source>Find it in the system tray.</source>
        <translation>Sie finden es im Systembereich der Kontrollleiste.</translation>
    </message>
    <message>
        <source>About OpenCode Sandbox</source>
        <translation>Über OpenCode Sandbox</translation>
    </message>
    <message>
        <source>&lt;h3&gt;OpenCode Sandbox %1&lt;/h3&gt;&lt;p&gt;Runs the OpenCode agent in one isolated container per project, with a network whitelist, and keeps it one click away.&lt;/p&gt;&lt;p&gt;Also on the command line: &lt;code&gt;ocs&lt;/code&gt;.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;OpenCode Sandbox %1&lt;/h3&gt;&lt;p&gt;Führt den OpenCode-Agenten in einem abgeschotteten Container pro Projekt aus, mit einer Netzwerk-Whitelist, und hält ihn einen Klick entfernt.&lt;/p&gt;&lt;p&gt;Auch auf der Kommandozeile: &lt;code&gt;ocs&lt;/code&gt;.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Quit OpenCode Sandbox</source>
        <translation>OpenCode Sandbox beenden</translation>
    </message>
    <message numerus="yes">
        <source>%n sandbox(es) running. They keep running after you quit, and the app picks them up again when it starts. Stop them now?</source>
        <translation>
            <numerusform>%n Sandbox läuft. Sie läuft nach dem Beenden weiter, und die App übernimmt sie beim nächsten Start wieder. Jetzt stoppen?</numerusform>
            <numerusform>%n Sandboxen laufen. Sie laufen nach dem Beenden weiter, und die App übernimmt sie beim nächsten Start wieder. Jetzt stoppen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Quit, keep them running</source>
        <translation>Beenden, weiterlaufen lassen</translation>
    </message>
    <message>
        <source>Stop them and quit</source>
        <translation>Stoppen und beenden</translation>
    </message>
    <message>
        <source>Stopping the sandboxes</source>
        <translation>Sandboxen werden gestoppt</translation>
    </message>
    <message>
        <source>The app quits when they are stopped.</source>
        <translation>Die App beendet sich, sobald sie gestoppt sind.</translation>
    </message>
    <message>
        <source>Add a project below to begin</source>
        <translation>Fügen Sie unten ein Projekt hinzu</translation>
    </message>
    <message>
        <source>Start %1 with changed settings?</source>
        <translation>%1 mit geänderten Einstellungen starten?</translation>
    </message>
    <message>
        <source>Start with these changes</source>
        <translation>Mit diesen Änderungen starten</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message numerus="yes">
        <source>All %n check(s) passed.</source>
        <translation>
            <numerusform>Die %n Prüfung ist bestanden.</numerusform>
            <numerusform>Alle %n Prüfungen sind bestanden.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n check(s) failed.</source>
        <translation>
            <numerusform>%1 von %n Prüfung ist fehlgeschlagen.</numerusform>
            <numerusform>%1 von %n Prüfungen sind fehlgeschlagen.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 verified</source>
        <translation>%1 geprüft</translation>
    </message>
    <message>
        <source>Verifying %1 found problems</source>
        <translation>Die Prüfung von %1 hat Probleme gefunden</translation>
    </message>
    <message>
        <source>Verification — %1</source>
        <translation>Prüfung — %1</translation>
    </message>
    <message>
        <source>%1 was stopped to protect your files</source>
        <translation>%1 wurde gestoppt, um Ihre Dateien zu schützen</translation>
    </message>
    <message>
        <source>The settings of %1 have errors</source>
        <translation>Die Einstellungen von %1 enthalten Fehler</translation>
    </message>
    <message>
        <source>%1: the container engine is not usable</source>
        <translation>%1: Die Container-Engine ist nicht benutzbar</translation>
    </message>
    <message>
        <source>%1: the port is taken</source>
        <translation>%1: Der Port ist belegt</translation>
    </message>
    <message>
        <source>Start %1 for the first time?</source>
        <translation>%1 zum ersten Mal starten?</translation>
    </message>
    <message>
        <source>This is the first start of %1. It may reach:

%2%3

Start it?</source>
        <translation>Dies ist der erste Start von %1. Die Sandbox darf Folgendes erreichen:

%2%3

Starten?</translation>
    </message>
    <message>
        <source>Since %1 last started, its settings changed what it may reach:

%2%3

Start with these changes?</source>
        <translation>Seit dem letzten Start von %1 haben seine Einstellungen geändert, was es erreichen darf:

%2%3

Mit diesen Änderungen starten?</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Save &amp;diagnostics…</source>
        <translation>&amp;Diagnosedaten speichern…</translation>
    </message>
    <message>
        <source>Saves the app log, versions and sandbox states into one file for a bug report (no passwords or environment values)</source>
        <translation>Speichert das App-Protokoll, die Versionen und die Zustände der Sandboxen in einer Datei für einen Fehlerbericht (ohne Passwörter oder Werte von Umgebungsvariablen)</translation>
    </message>
    <message>
        <source>Save diagnostics</source>
        <translation>Diagnosedaten speichern</translation>
    </message>
    <message>
        <source>Diagnostics saved</source>
        <translation>Diagnosedaten gespeichert</translation>
    </message>
    <message>
        <source>Cannot save the diagnostics</source>
        <translation>Die Diagnosedaten können nicht gespeichert werden</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Network policy of %1 changed</source>
        <translation>Netzwerkrichtlinie von %1 geändert</translation>
    </message>
    <message>
        <source>%1 may not reach %2. Allow adds %2 to its network policy; Show opens its network activity.</source>
        <translation>%1 darf %2 nicht erreichen. „Erlauben“ nimmt %2 in die Netzwerkrichtlinie auf; „Anzeigen“ öffnet die Netzwerkaktivität.</translation>
    </message>
    <message>
        <source>Allowed %1: applied to the running sandbox.</source>
        <translation>%1 erlaubt: in der laufenden Sandbox übernommen.</translation>
    </message>
    <message>
        <source>Allowed %1: applies at the next start.</source>
        <translation>%1 erlaubt: gilt ab dem nächsten Start.</translation>
    </message>
    <message>
        <source>Could not allow %1 for %2</source>
        <translation>%1 konnte für %2 nicht erlaubt werden</translation>
    </message>
    <message>
        <source>Publish a port of %1</source>
        <translation>Einen Port von %1 veröffentlichen</translation>
    </message>
    <message>
        <source>Port of a server in the sandbox (it must listen on 0.0.0.0 there). It is opened on this computer&apos;s 127.0.0.1 only, at the same number when that is free; a restart of the sandbox applies it.</source>
        <translation>Port eines Servers in der Sandbox (er muss dort auf 0.0.0.0 lauschen). Er wird nur auf 127.0.0.1 dieses Computers geöffnet, unter derselben Nummer, wenn diese frei ist; ein Neustart der Sandbox wendet es an.</translation>
    </message>
    <message>
        <source>Port %1 was not published</source>
        <translation>Port %1 wurde nicht veröffentlicht</translation>
    </message>
    <message>
        <source>Port %1 published</source>
        <translation>Port %1 veröffentlicht</translation>
    </message>
    <message>
        <source>Restart the sandbox to apply it.</source>
        <translation>Starten Sie die Sandbox neu, um es anzuwenden.</translation>
    </message>
    <message>
        <source>It is published at the next start.</source>
        <translation>Er wird beim nächsten Start veröffentlicht.</translation>
    </message>
</context>
</TS>
