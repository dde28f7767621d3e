<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>InitProjectDialog</name>
    <message>
        <source>Set up a project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files to create (existing files are kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Build the sandbox image now (takes a few minutes)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Container engine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Use:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Program:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>/usr/local/bin/docker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Behaviour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start OpenCode Sandbox when I &amp;log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;notifications (builds, starts, failures)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Ask on quit whether to stop running sandboxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web UI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in my &amp;browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open in a window of this app (&amp;embedded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lan&amp;guage:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notify when a sandbox&apos;s network request is &amp;blocked (a new host)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Share my &amp;OpenCode settings with the sandboxes (read-only, no credentials)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A copy of ~/.config/opencode (agents, commands, themes, opencode.json), made at each start, read-only inside; auth.json, keys, tokens and .env files stay out. A project&apos;s share-opencode-settings: false keeps it out of that project. Takes effect at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Project settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;General</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox &amp;name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lower-case letters, digits and &apos;-&apos;; part of the sandbox ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sandbox ID:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web UI port:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Memory limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. 4g or 512m; empty for the default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;CPU limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of CPUs, e.g. 2 or 1.5; empty for no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Process limit:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Most processes at once in the sandbox; empty for the default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In this app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start this sandbox when the app starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the web UI after starting it from the app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Net&amp;work</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox reaches only these domains, over HTTP and HTTPS through its proxy. One per line; &apos;.example.com&apos; also allows every subdomain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Allowed domains:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a &amp;preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host p&amp;orts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TCP ports on this computer that the sandbox may connect to, as docker.host (e.g. a database). One per line.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;List of ports:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passed through from this computer (read when the sandbox starts, after the pre-start hook; values are never shown here):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;dd variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fixed values (written into the config file; do not put secrets here):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add &amp;value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove va&amp;lue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pre-start &amp;hook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Appro&amp;ve this content</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusSummary</name>
    <message>
        <source>No container engine available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for Docker or Podman…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No projects yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>No sandbox running (%n project(s))</source>
        <translation>
            <numerusform>No sandbox running (%n project)</numerusform>
            <numerusform>No sandbox running (%n projects)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n sandbox(es) running</source>
        <translation>
            <numerusform>%1 of %n sandbox running</numerusform>
            <numerusform>%1 of %n sandboxes running</numerusform>
        </translation>
    </message>
    <message>
        <source>OpenCode Sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>building %1/%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>building…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running on port %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building the image: step %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building the image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2 · port %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TerminalOpener</name>
    <message>
        <source>The `ocs` command was not found next to this program or on PATH.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No terminal emulator found. Install one (e.g. xterm, GNOME Terminal or Konsole), or run `ocs terminal` in %1 yourself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::ApprovedFile</name>
    <message>
        <source>%1 does not exist (any more); nothing was approved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed after it was shown (it now has SHA-256 %2, not %3); nothing was approved. Look at it again (`%4 show`) and approve what you read.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::ConfigAnalysis</name>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read the file: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a line break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a carriage return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a tab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a Unicode line separator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the control character U+%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the name is empty; write a name such as &apos;my-project&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too long (%2 characters); use at most %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (write %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a valid name; use lower-case letters, digits and &apos;-&apos; (not at the start or end)%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the entry is empty; write a domain such as &apos;example.com&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 contains a space; write one domain per entry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a URL with an IP address; name the domain instead (use host-ports to reach services on the host)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a URL; write only the host name, e.g. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is an IP address; name the domain instead (use host-ports to reach services on the host)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 contains a path; write only the host name, e.g. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has a wildcard in the wrong place; &apos;*&apos; is only allowed as a leading &apos;*.&apos; (e.g. &apos;*.example.com&apos;, or &apos;.example.com&apos;, which means the same)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 includes a port; write only the host name, e.g. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 contains non-ASCII letters; write its ASCII form %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 contains non-ASCII characters, which a domain cannot have</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a domain; write e.g. &apos;.example.com&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ends with a dot; remove the trailing &apos;.&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is too long (more than 253 characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has an empty part (&apos;..&apos; or a leading dot twice)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has a part longer than 63 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 contains &apos;%2&apos;, which a domain name cannot have (only letters, digits, &apos;-&apos; and &apos;.&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has a part that starts or ends with &apos;-&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the entry is empty; write a port number from 1 to 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a port number; use a whole number from 1 to 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 has a leading zero; write the port without it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is out of range; use a port from 1 to 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the variable name is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a valid variable name; use letters, digits and &apos;_&apos;, not starting with a digit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is set by the sandbox (it guards access to the OpenCode server) and cannot be set here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is set by the sandbox for the user inside the container and cannot be set here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: names starting with OCS_ are reserved for the sandbox&apos;s own settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is set by the sandbox to send traffic through its filtering proxy and cannot be set here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: LD_* variables change how every program in the sandbox loads code, so they are reserved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is reserved: bash, the C library or node read it when a program starts and can be made to run code with it, also in the sandbox&apos;s own processes that run as root</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: DOCKER_*, CONTAINER_* and PODMAN_* variables steer the container engine, so they are reserved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a memory size; write a number with an optional unit b, k, m or g, e.g. &apos;4g&apos; or &apos;512m&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a CPU count; write a positive number such as &apos;2&apos; or &apos;1.5&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a whole number from %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a number; use %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is out of range; use %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the entry is empty; write a path inside the project, e.g. &apos;docs&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is an absolute path; write a path relative to the project folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is outside the project; write a path relative to the project folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 leaves the project folder (&apos;..&apos;); write a path inside the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the entry is empty; write the path of a PEM file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the value contains %1; values must be a single line of text without control characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tabs are not allowed for indentation; use spaces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check the indentation: the entries of one section must line up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a &apos;: &apos; appears where it cannot; put the value in quotes or check the indentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a &apos;- &apos; list item is where no list can start; check the indentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a &apos;[&apos; has no matching &apos;]&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a &apos;{&apos; has no matching &apos;}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inside double quotes a backslash starts an escape; use single quotes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>aliases (&apos;*name&apos;) are not supported in this file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid YAML: %1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file holds more than one YAML document (&apos;---&apos;); keep only the first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the closing quote of this value is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid YAML: %1 has no &apos;:&apos; after it; write &apos;key: value&apos; on one line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: aliases (&apos;*%2&apos;) are not supported in this file; write the value out in full</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: anchors (&apos;&amp;%2&apos;) are not supported in this file; remove the anchor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: tags (&apos;%2&apos;) are not supported in this file; remove the tag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be a single value, not a %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be a list; write each entry on its own line as &apos;- value&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be a list of &apos;- value&apos; lines, not a map of &apos;key: value&apos; lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: empty entry; remove the &apos;-&apos; line or write a value after it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: each entry must be a single value; nested lists or maps are not supported here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 is listed twice (also on line %3); remove one of them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be a map; write each variable on its own line as &apos;NAME: value&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (write &apos;%1: %2&apos; instead of &apos;- %3&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must be a map of &apos;NAME: value&apos; lines, not a list%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: each key must be a variable name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: duplicate key %2 (first on line %3); keep only one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is empty; %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the value must be %2, not a list or map</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 is also set in %3 (line %4); a variable can come from only one place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is too large (%1 bytes); a config file is a few lines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file holds no settings, only comments; it needs at least a line such as &apos;sandbox-name: my-project&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is empty; it needs at least a line such as &apos;sandbox-name: my-project&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the top level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file must be a map of &apos;key: value&apos; lines (such as &apos;sandbox-name: my-project&apos;), not %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a single value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write the top-level keys one per line (&apos;key: value&apos;); a &apos;{ ... }&apos; map is not supported here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write each top-level key at the start of its own line as &apos;key: value&apos; (explicit &apos;? key&apos; entries are not supported)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a top-level key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a line starts with &apos;:&apos; but has no key name before it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>top-level keys must be plain names such as &apos;sandbox-name&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>duplicate key %1 (first on line %2); merge the two into one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; did you mean %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown key %1 is ignored (it is kept when the file is saved)%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is missing; add a line such as &apos;%1: %2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 removes a default read-only path, so the agent will be able to change %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the host variable name is missing; write &apos;%1: %1&apos; to pass the host&apos;s %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host variable %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write a name such as &apos;my-project&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a host variable name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a single line of text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file is not valid UTF-8 text (save it as UTF-8)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stray carriage return (CR) character; save the file with LF or CRLF line ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the file contains the control character U+%1; remove it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is the sandbox&apos;s web UI, which is published already (`ocs web`); choose another port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is used by the sandbox itself (OpenCode or its proxy) and cannot be published; choose another port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a yes/no value; write &apos;true&apos; or &apos;false&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is a wildcard; name each host exactly (a secret goes to exact hosts only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the header name is empty; write e.g. &apos;x-api-key&apos; or &apos;Authorization: Bearer {}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a valid HTTP header name; use letters, digits and &apos;-&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot carry a secret; use the header the API reads the key from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 must contain &apos;{}&apos; exactly once, where the secret goes (e.g. &apos;Bearer {}&apos;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 may hold only printable ASCII characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: write &apos;NAME: {...}&apos; entries without the &apos;- &apos; in front (a map), or &apos;- NAME&apos; alone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: write the hosts as a list such as [api.example.com]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: each host must be a single name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 is listed twice; remove one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no preset is known for %2; write its hosts and header as &apos;%2: %3&apos;, or choose a preset with &apos;{preset: NAME}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the value must be a map such as &apos;%2&apos; (or nothing, for a name with a preset)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 is written twice; keep only one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: unknown field %2; use hosts, header, preset or git-hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: preset must be a single name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: unknown preset %2; known presets: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: header must be a single value such as &apos;x-api-key&apos; or &apos;Authorization: Bearer {}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no host; name the hosts the secret is for, e.g. &apos;%2&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: no header; write e.g. &apos;header: x-api-key&apos; or &apos;header: &apos;Authorization: Bearer {}&apos;&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (it has a preset: &apos;%1:&apos; is enough)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 looks like a credential, which the agent can read and send to any whitelisted host; list it in %3 instead, so that the agent sees only a placeholder%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2: %3 is not in %4; whitelist it too (the agent must be able to reach it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no preset is known for %1; write its hosts and header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing (a preset) or a map of hosts and header</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::ConfigImpact</name>
    <message>
        <source>Applied live to a running sandbox, no restart: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new sandbox (new SANDBOX_ID: its own container, image and state): %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs an image rebuild and a restart: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Takes effect when the sandbox restarts: %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::EngineEvents</name>
    <message>
        <source>Following the engine&apos;s events</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::EngineLocator</name>
    <message>
        <source>No container engine found. Install Docker (Debian/Ubuntu: `sudo apt install docker.io`, then add yourself to the `docker` group) or Podman (`sudo apt install podman`); on macOS, Docker Desktop, Colima or Podman. To use a specific one, set OCS_ENGINE=docker, podman or a path.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2) is not installed or not executable. Install it or set OCS_ENGINE.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not answer within 20 seconds; is its daemon or virtual machine stuck?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add yourself to the `docker` group (`sudo usermod -aG docker $USER`, then log in again).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start it: `sudo systemctl start docker` on Linux; start Docker Desktop or `colima start` on macOS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start it: `podman machine start` on macOS; check `podman info` on Linux.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is installed but not reachable.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is installed but not reachable (%2).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::ImageBuilder</name>
    <message>
        <source>The sandbox image sources (Dockerfile, entrypoint) were not found; set OCS_DATA_DIR to the folder that holds docker/, or reinstall.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot copy %1 into the build context</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image was not built: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>extra CA certificate %1: %2 (listed in extra-ca-certificates or OCS_EXTRA_CA_CERTS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>extra CA certificate %1 is not a PEM certificate (expected -----BEGIN CERTIFICATE-----)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 holds a private key; only the CA certificate belongs in extra-ca-certificates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image build was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image build</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last lines:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installing the tools of mise.toml (whitelist only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mise install (mise.toml)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving the image with mise&apos;s tools</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::LivePolicy</name>
    <message>
        <source>%1 has errors; fix them first (`ocs validate` lists them):
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a valid host: %1. A host is a domain name such as api.example.com: letters, digits, &apos;-&apos; and &apos;.&apos;, without a scheme, port or path (IP addresses are never allowed).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>`ocs deny` takes one host name, not %1; to deny a domain with all of its subdomains, add %1 to %2 in %3.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 stays denied by the blacklist entry %2, which covers more than %1; remove that entry from %3 in %4 first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot save %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::LoginItem</name>
    <message>
        <source>cannot remove %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::ManagedSandbox</name>
    <message>
        <source>%1 cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenCode in %1 does not answer its health check (last: %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configuration has errors:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop requested.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the sign-in gateway: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::OpenCodeSettings</name>
    <message>
        <source>it is larger than %1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has folders deeper than %1 levels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot read %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has more than %1 entries</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::PasswordStore</name>
    <message>
        <source>the keychain is switched off or no D-Bus session is running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain is not available (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain refused to store it (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved the server password from %1 into the keychain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored the server password in %1 (owner-only), because %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain did not answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::PolicyFiles</name>
    <message>
        <source>cannot create %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot set the permissions of %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::PreStartHook</name>
    <message>
        <source>The pre-start hook was not run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pre-start hook %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::ProcessResult</name>
    <message>
        <source>%1 failed (exit code %2)%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be started: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not finish in time and was stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was killed (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::Project</name>
    <message>
        <source>%1: no such folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create %1 with owner-only permissions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::ProjectInit</name>
    <message>
        <source>tools for the sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name, network whitelist, host ports, environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model, provider, permissions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>runs on the host before each start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create %1 (%2)?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add %1 to .gitignore (it may hold secrets)?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::ProjectRegistry</name>
    <message>
        <source>%1 is not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::PublishedPorts</name>
    <message>
        <source>%1 has errors; fix them first (`ocs validate` lists them):
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot save %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::RootPolicy</name>
    <message>
        <source>Not started: OpenCode Sandbox does not run sandboxes as root. The sandbox&apos;s user `dev` is never root, so it could not write the project folder and the state folder that root owns.
Fix: run it as an ordinary user who owns the project, e.g. `runuser -u USER -- ocs start` (in a container or CI: create such a user first, `useradd -m USER`, and give it the project folder and access to the engine).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::RunPlanner</name>
    <message>
        <source>Not started:
  %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not started: the value of %1 (%2) contains a line break, which the container engine cannot pass into the sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not started: the value of %1 (%2) is longer than the container engine can pass (64 KiB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OCS_EXTRA_HOSTS: &quot;%1&quot; is not NAME=ADDRESS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The project path %1 contains &apos;:&apos; or &apos;,&apos;, which the container engine cannot mount; move or rename the folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the server password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (%2 is not set)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>env-passthrough from the host&apos;s %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::SandboxController</name>
    <message>
        <source>Image %1 built; build log: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The last run of %1 was ended by its guard:
  %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running the pre-start hook %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not started: this is the first start of %1, which may reach:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not started: %1 changed since the last start, widening or narrowing what the sandbox may reach:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept to start (`ocs start --yes`, or answer yes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No image for %1 yet: building it (the first build takes a few minutes).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mise.toml changed since the image was built: run `ocs rebuild` to install its tools.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No free port between %1 and %2 on 127.0.0.1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not passed into the sandbox: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting %1 on http://127.0.0.1:%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenCode did not answer its health check within %1 s (last: %2). See `ocs logs`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox stopped while starting (its container is gone). Its last output:
  %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox stopped while starting (container %1). Its last output:
  %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was not running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning: the engine ignored this sandbox&apos;s limits (pids-limit, memory-limit, cpu-limit): rootless Podman on cgroup v1 cannot apply them, so the agent can use every process and all memory your user may. Switch the host to cgroup v2 (systemd.unified_cgroup_hierarchy=1) or use Docker.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot write the network policy: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No free port on 127.0.0.1 for the sandbox&apos;s port %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your OpenCode settings (%1) are not shared: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your OpenCode settings are shared read-only, without: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port %1 of the sandbox: http://127.0.0.1:%2/</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port %1 of the sandbox: http://127.0.0.1:%2/ (%1 is in use on this computer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Injected secrets (the agent sees placeholders): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Injected secrets without a value (their placeholders go out unchanged; set one with `ocs secret set NAME`): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secret: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The injected secrets could not be handed to the sandbox&apos;s proxy (its requests carry the placeholders): %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::SandboxLister</name>
    <message>
        <source>Listing containers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inspecting containers</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::SandboxRecord</name>
    <message>
        <source>cannot write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::SandboxUsage</name>
    <message>
        <source>memory %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>memory %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>memory limit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 CPUs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most %1 processes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no resource limits (the container engine did not apply them)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::SandboxVerifier</name>
    <message>
        <source>the sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The probes in %1 did not finish in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running the probes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not running; start it with `ocs start`.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The image of %1 has no probe script (it was built before `ocs verify` existed): run `ocs rebuild`, then stop and start the sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The probes in %1 reported nothing (exit status %2)%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the probe script ended with status %1%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::SecretDelivery</name>
    <message>
        <source>Handing the secrets to the proxy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the proxy&apos;s loader failed (status %1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::SecretStore</name>
    <message>
        <source>a quote in the command is not closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the command is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no project here: use --shared for a secret of all projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a keychain value is stored with its value (`ocs secret set NAME`)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host variable %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the cache time must be 0 or more seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the value cannot be used: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain did not store %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain did not remove %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain did not answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the keychain is not available (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no keychain is available (OCS_KEYCHAIN is off or no D-Bus session is running); secrets are kept only in the keychain, or come from a host variable or command (--from-env, --from-command)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the value from %1 cannot be used: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keychain (all projects)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keychain (this project)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>command `%1`</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the command `%1` did not finish within %2 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the command `%1` could not start: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the command `%1` failed (exit code %2)%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the command `%1` printed nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is longer than %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it holds a line break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it holds characters other than printable ASCII</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::SignInPage</name>
    <message>
        <source>en</source>
        <extracomment>The language code of the sign-in page (&lt;html lang=&quot;…&quot;&gt;).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the web UI…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a sign-in address of a gateway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no private folder for the sign-in page</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 could not be started</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::StartApproval</name>
    <message>
        <source>+ new protected path: %1 (it did not exist at the last start, so the agent could have written it; read it before you start)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(nothing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>whitelist (HTTP/HTTPS): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host ports at docker.host: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host variables passed in: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fixed variables (env): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>protection dropped (the agent may change these): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>extra CA certificates trusted: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This project lies inside the workspace of the project in %1: its sandbox&apos;s agent could have written this configuration.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no change to what it may reach)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>whitelist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>env passthrough</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>extra CA certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>protection dropped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sandbox ports published on this computer&apos;s 127.0.0.1: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>published port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>secrets the proxy puts into requests to these hosts (the agent sees placeholders): %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>injected secret</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::TrayLink</name>
    <message>
        <source>no tray app is listening</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not this user&apos;s tray app</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the tray app&apos;s reply is too long</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected reply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the tray app does not know this request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the tray app closed the connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the tray app did not answer in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this project is not in the app&apos;s list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not running in the app</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::WebGateway</name>
    <message>
        <source>The gateway is already listening</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::WhitelistPresetResolver</name>
    <message>
        <source>npm is not installed here, so its registry is unknown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>`npm config get registry` named no registry.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pip is not installed here and PIP_INDEX_URL is not set, so the package index is unknown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Neither PIP_INDEX_URL nor `pip config get global.index-url` names a package index.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::WorkspaceFile</name>
    <message>
        <source>%1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is a symbolic link; files the host acts on are not followed through links (anything in the workspace, the agent included, can point one anywhere): replace it with the file itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is a folder, not a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is a named pipe (FIFO), not a regular file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is a socket, not a regular file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is a device, not a regular file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is not a regular file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is no such file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it has %1 hard links; a protected file must have exactly one (the agent could change it through another name). Replace it with a copy (cp, then mv over it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is larger than %1, the most read from such a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the path leads out of the project folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open the project folder %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the folder %1 on its way is a symbolic link; the host does not follow links in the workspace (they can lead out of the project)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on its way is not a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::WorkspaceProtection</name>
    <message>
        <source>%1/%2 is a symbolic link (to %3): a protected path must not lead anywhere else, since the sandbox would mount whatever it names. Replace the link by the real file or folder, or drop &quot;%4&quot; from read-only-paths with &quot;!%4&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/%2 has %3 hard links: the agent could change it through another name. Give it a single name (copy it and replace the original).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/%2 is neither a file nor a folder (a device, socket or FIFO); remove it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/.git/commondir exists: git would take its configuration from the folder it names, which the sandbox cannot protect. A repository&apos;s main .git folder has no commondir; remove it (it may have been planted).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(%1 more)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repositories nested in the workspace: %1. Their git configuration and hooks are not protected: the agent can change them. Look before you run git in them on the host.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::gateway::GatewayConnection</name>
    <message>
        <source>Bad request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The gateway could not read this request.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request body is malformed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsupported HTTP version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only HTTP/1.0 and HTTP/1.1 are supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ambiguous message framing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not implemented</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsupported transfer coding.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invalid Content-Length.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wrong address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This gateway only answers requests addressed to itself.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsupported request target.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forbidden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Requests from other sites are not allowed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Method not allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This method is not supported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nothing at this address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in required</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open this sandbox with “Open web UI” in the OpenCode Sandbox app to sign in.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An upgrade request cannot have a body.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign-in link expired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This sign-in link was already used or has expired. Use “Open web UI” in the OpenCode Sandbox app again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenCode is not reachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OpenCode server of this sandbox did not answer. It may still be starting, or it has stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>en</source>
        <extracomment>The language code of the gateway&apos;s error pages (&lt;html lang=&quot;…&quot;&gt;).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request timeout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The request did not arrive in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenCode did not answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The OpenCode server of this sandbox did not answer in time.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::tray::BlockedHostNotifier</name>
    <message>
        <source>%1: %2 was blocked</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %2 and %n more were blocked</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Click to see the network activity of %1 and allow it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::tray::DesktopNotifier</name>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenCode Sandbox</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::tray::HookApprovalDialog</name>
    <message>
        <source>Approve the pre-start hook — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is new or changed since you last approved it. It runs on your computer, with your rights, before the sandbox starts; anything in the workspace (the agent too) can edit it. Read it, then approve exactly this content or cancel the start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Approve and start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approve mise.toml — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is new or changed since you last approved it. The image build installs what it names (`mise install`); anything in the workspace (the agent too) can edit it. Read it, then approve exactly this content or cancel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>It holds %n control or invisible character(s) (carriage returns, escape sequences, direction overrides, zero-width marks), shown as \r, \xNN or &lt;U+XXXX&gt;: elsewhere they can hide what it does.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::tray::InitProjectDialog</name>
    <message>
        <source>%1 has no %2 yet. Set it up as a project: the sandbox will see this folder as its workspace.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (exists, kept as it is)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add %1 to .gitignore (it may come to hold secrets)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::tray::LearnedHostsDialog</name>
    <message>
        <source>Blocked hosts — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>While learning, the proxy of %1 blocked these hosts. Allow the ones the agent needs: they are added to the project&apos;s whitelist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blocked hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Allow selected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Not now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not allow them: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed %1: applied to the running sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed %1: applies at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::tray::LineListHighlighter</name>
    <message>
        <source>line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::tray::LogViewer</name>
    <message>
        <source>Open the &amp;log file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output of %1 (follows as it grows)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— the output ended (the sandbox stopped) —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>— %1 —</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reading the output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>===== %1 =====</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cl&amp;ose</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::tray::MainWindow</name>
    <message>
        <source>OpenCode Sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No projects yet: add one below.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::tray::NetworkActivityModel</name>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Denied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last request</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last rule</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::tray::NetworkActivityWindow</name>
    <message>
        <source>Network activity — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the agent of %1 tried to connect, as its proxy decided (kept in the sandbox&apos;s state folder). Allowing or denying a host writes the project&apos;s config file (its comments stay) and the live policy of the sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Part of a host name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Denied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hosts by domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Domains and their hosts with allowed and denied request counts. Enter allows the selected host.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Allow host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow the selected host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow &amp;domain and subdomains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allow the selected host&apos;s domain and its subdomains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>De&amp;ny</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deny the selected host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cl&amp;ose</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adds %1 to the whitelist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a host first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adds .%1 to the whitelist: the domain and all its subdomains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removes %1 from the whitelist (or blacklists it when a wider entry still allows it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not change the policy for %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Denied %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>: applied to the running sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>: applies at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::tray::PreferencesDialog</name>
    <message>
        <source>Choose a Docker-compatible program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic (Docker, else Podman)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Docker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Podman</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Another program…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This build has no embedded web view (built without Qt WebEngine).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name the program (a Docker-compatible command line).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give the full path of the program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not an executable program.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In use: %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for the engine…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OCS_ENGINE is set in the environment and takes precedence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::tray::ProjectMenu</name>
    <message>
        <source>Container engine not available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The configuration has errors (see Settings…)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings changed: restart to apply them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The pre-start hook changed and needs your approval</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;web UI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens the web UI in your browser, already signed in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the sandbox first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs `ocs terminal` in a terminal window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;logs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandbox&apos;s output (OpenCode, proxy, firewall)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show error &amp;details…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;build image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Builds the sandbox image again (after changing mise.toml)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Verify sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Review the pre-start &amp;hook…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open project &amp;folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re&amp;move from list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forgets the project here; its files and a running sandbox stay as they are</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>St&amp;op (cancel the build)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>St&amp;op</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks the sandbox&apos;s isolation from inside, as the agent would (firewall, DNS, proxy, privileges), like `ocs verify`</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Network activity…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hosts the sandbox&apos;s proxy allowed and denied; allow or deny them from there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning mode (collect &amp;blocked hosts)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>While on, blocked hosts are collected without notifications; when it ends you choose which of them to allow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: Open in browser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resources: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Published ports (this computer&apos;s 127.0.0.1):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish &amp;port…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens a port of a server in the sandbox on this computer&apos;s 127.0.0.1 (published-ports); a restart applies it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::tray::SecretsPage</name>
    <message>
        <source>all projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keychain (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host variable %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host command (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets the agent can use but never read: it sees a placeholder in the variable, and the proxy puts the value into the header of requests to the listed hosts only. The values stay in your keychain (or come from a host variable or command); they are never shown here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a secret by its variable name (known providers fill in the rest)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove it from this project&apos;s config (a stored value stays in the keychain until you forget it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set &amp;value…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Source…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the value comes from: the keychain, a host variable, or a host command run at start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Forget value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the stored value (or the recorded source) of this secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (git)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored in the keychain (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No value yet: the agent gets only the placeholder. Use &quot;Set value…&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is set in this app&apos;s environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not set in this app&apos;s environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at start</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>The command runs at each start; its output is reused for %n second(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>checking…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is also set on the Environment tab: remove it there (one variable comes from one place only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 is not in the network whitelist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add %1 to the whitelist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a secret</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>api.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x-api-key  or  Authorization: Bearer {}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Variable:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Hosts:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>H&amp;eader:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset: %1 (and git over HTTPS to %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is already in the list.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name at least one host the value is for.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Header value: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The value of %1 goes into your keychain. The agent never sees it; the proxy adds it to requests to its hosts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use for all &amp;projects</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store it once for every project that injects %1 (a project&apos;s own value wins)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Store</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The value of %1 was not stored: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stored the value of %1 in the keychain (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the value of %1 comes from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The &amp;keychain (set with &quot;Set value…&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A host &amp;variable:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A host &amp;command run at start (its output):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gh auth token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run at every start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reuse its output for:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the command that prints the value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 now comes from: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forgot the value of %1 (%2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The value of %1 was not forgotten: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget the value of %1 (%2)?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is removed from the keychain (or the recorded source is dropped) and cannot be shown again. Until you set it anew, the sandbox sends the placeholder unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Forget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether a value of %1 is stored is unknown: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::tray::SettingsDialog</name>
    <message>
        <source>Anthropic (Claude API)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenAI API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GitHub (web, API, raw files)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>npm (the registry your npm uses)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PyPI (the index your pip uses)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approving the hook</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In the sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From the host variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set on this computer?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (default)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>api.example.com
.example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>5432</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking up %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1

Which domain should the sandbox reach for it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is set in this app&apos;s environment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not set here; the pre-start hook may set it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings of %1 in &lt;a href=&quot;%2&quot;&gt;%3&lt;/a&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file cannot be edited here until these problems are fixed in it:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (chosen automatically; kept while it stays free)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>chosen at the first start (from 4096 up)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This project has no pre-start hook.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The hook holds only comments: nothing runs before a start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved: exactly this content runs on your computer before each start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not approved: the hook is new or changed since you last approved it, so starts fail until you approve it. Read it first: it runs on your computer with your rights, and anything in the workspace (the agent too) can edit it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory limit: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU limit: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Process limit: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is listed twice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passed through, row %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fixed value, row %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) to fix before saving.</source>
        <translation>
            <numerusform>%n problem to fix before saving.</numerusform>
            <numerusform>%n problems to fix before saving.</numerusform>
        </translation>
    </message>
    <message>
        <source>Comments would be lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Saving rewrites parts of %1 whose comments cannot be kept (%n comment(s)). Save anyway?</source>
        <translation>
            <numerusform>Saving rewrites parts of %1 whose comment cannot be kept (%n comment). Save anyway?</numerusform>
            <numerusform>Saving rewrites parts of %1 whose comments cannot be kept (%n comments). Save anyway?</numerusform>
        </translation>
    </message>
    <message>
        <source>Save anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 changed on disk since this window opened. Saving keeps the other changes only in the sections you did not edit here. Save anyway?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings could not be saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>It holds %n control or invisible character(s) (carriage returns, escape sequences, direction overrides, zero-width marks), shown as \r, \xNN or &lt;U+XXXX&gt;: elsewhere they can hide what it does.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Se&amp;crets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 looks like a credential: passed through, the agent can read it and send it to any host it may reach. &lt;a href=&quot;inject:%1&quot;&gt;Inject it instead&lt;/a&gt; (the agent sees a placeholder; the proxy adds the value for its API hosts only).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ocs::tray::TrayController</name>
    <message>
        <source>&amp;Look for the engine again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add project…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a&amp;ll</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stops every running sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;bout OpenCode Sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenCode Sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now in the system tray.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sandboxes can be used again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 restarted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web UI on port %1. Open it from the menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image of %1 built</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart the sandbox to use it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is used from the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Building the image of %1 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping %1 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting %1 failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open a terminal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open the web UI of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No browser could be started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Logs — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>----- output -----</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What went wrong — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings of %1 saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The change (%1) is built into the image: rebuild it and restart %2 now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The change (%1) is built into the image: rebuild the image of %2 now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The change (%1) takes effect when %2 restarts. Restart it now?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apply the new settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rebuild and restart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rebuild</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1 from the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is running. Stop it too? Its files stay as they are either way.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop and remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove, keep it running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the project folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot add the project</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already in the list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project set up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OpenCode Sandbox is running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find it in the system tray.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About OpenCode Sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;OpenCode Sandbox %1&lt;/h3&gt;&lt;p&gt;Runs the OpenCode agent in one isolated container per project, with a network whitelist, and keeps it one click away.&lt;/p&gt;&lt;p&gt;Also on the command line: &lt;code&gt;ocs&lt;/code&gt;.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit OpenCode Sandbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n sandbox(es) running. They keep running after you quit, and the app picks them up again when it starts. Stop them now?</source>
        <translation>
            <numerusform>%n sandbox running. It keeps running after you quit, and the app picks it up again when it starts. Stop it now?</numerusform>
            <numerusform>%n sandboxes running. They keep running after you quit, and the app picks them up again when it starts. Stop them now?</numerusform>
        </translation>
    </message>
    <message>
        <source>Quit, keep them running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop them and quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping the sandboxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app quits when they are stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a project below to begin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start %1 with changed settings?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start with these changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>All %n check(s) passed.</source>
        <translation>
            <numerusform>The %n check passed.</numerusform>
            <numerusform>All %n checks passed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n check(s) failed.</source>
        <translation>
            <numerusform>%1 of %n check failed.</numerusform>
            <numerusform>%1 of %n checks failed.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 verified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verifying %1 found problems</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verification — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 was stopped to protect your files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings of %1 have errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the container engine is not usable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: the port is taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start %1 for the first time?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is the first start of %1. It may reach:

%2%3

Start it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since %1 last started, its settings changed what it may reach:

%2%3

Start with these changes?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;diagnostics…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saves the app log, versions and sandbox states into one file for a bug report (no passwords or environment values)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save diagnostics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diagnostics saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save the diagnostics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network policy of %1 changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 may not reach %2. Allow adds %2 to its network policy; Show opens its network activity.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed %1: applied to the running sandbox.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed %1: applies at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not allow %1 for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish a port of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port of a server in the sandbox (it must listen on 0.0.0.0 there). It is opened on this computer&apos;s 127.0.0.1 only, at the same number when that is free; a restart of the sandbox applies it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port %1 was not published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port %1 published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart the sandbox to apply it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It is published at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
