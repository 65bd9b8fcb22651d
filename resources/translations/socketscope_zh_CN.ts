<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AcceptThread</name>
    <message>
        <location filename="../../app/net/listener.py" line="124"/>
        <source>listening on {endpoint}</source>
        <translation>在 {endpoint} 上监听</translation>
    </message>
    <message>
        <location filename="../../app/net/listener.py" line="189"/>
        <source>too many open files</source>
        <translation>打开的文件过多</translation>
    </message>
</context>
<context>
    <name>AccessPolicy</name>
    <message>
        <location filename="../../app/sessions/access.py" line="37"/>
        <source>“{entry}” is not an IP address or network (CIDR), e.g. 192.168.1.0/24 or fd00::/8.</source>
        <translation>“{entry}”不是 IP 地址或网段（CIDR），例如 192.168.1.0/24 或 fd00::/8。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/access.py" line="70"/>
        <source>not in the allow-list</source>
        <translation>不在允许列表中</translation>
    </message>
    <message>
        <location filename="../../app/sessions/access.py" line="72"/>
        <source>the server already has {n} client(s), the most allowed</source>
        <translation>服务器已有 {n} 个客户端，已达上限</translation>
    </message>
</context>
<context>
    <name>AutoReplyGroup</name>
    <message>
        <location filename="../../ui/auto_reply_group.py" line="89"/>
        <source>Automatic replies</source>
        <translation>自动回复</translation>
    </message>
    <message>
        <location filename="../../ui/auto_reply_group.py" line="92"/>
        <source>Echo every message back</source>
        <translation>回显每条消息</translation>
    </message>
    <message>
        <location filename="../../ui/auto_reply_group.py" line="93"/>
        <source>Echo received messages</source>
        <translation>回显收到的消息</translation>
    </message>
    <message>
        <location filename="../../ui/auto_reply_group.py" line="95"/>
        <source>Each received message (one log entry) goes back to the connection it came from; a matching rule answers instead.</source>
        <translation>收到的每条消息（日志中的一条）原样发回它来自的连接；若有规则匹配，则由规则应答。</translation>
    </message>
    <message>
        <location filename="../../ui/auto_reply_group.py" line="99"/>
        <source>Automatic reply rules in force</source>
        <translation>生效中的自动回复规则</translation>
    </message>
    <message>
        <location filename="../../ui/auto_reply_group.py" line="101"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location filename="../../ui/auto_reply_group.py" line="102"/>
        <source>Import a rules file</source>
        <translation>导入规则文件</translation>
    </message>
    <message>
        <location filename="../../ui/auto_reply_group.py" line="103"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../ui/auto_reply_group.py" line="104"/>
        <source>Edit the rules</source>
        <translation>编辑规则</translation>
    </message>
    <message>
        <location filename="../../ui/auto_reply_group.py" line="105"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../ui/auto_reply_group.py" line="106"/>
        <source>Export the rules to a file</source>
        <translation>将规则导出到文件</translation>
    </message>
    <message>
        <location filename="../../ui/auto_reply_group.py" line="107"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../../ui/auto_reply_group.py" line="108"/>
        <source>Remove every rule</source>
        <translation>删除全部规则</translation>
    </message>
    <message>
        <location filename="../../ui/auto_reply_group.py" line="145"/>
        <source>Rules not loaded: {error}</source>
        <translation>规则未加载：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/auto_reply_group.py" line="148"/>
        <source>{n} rule(s) loaded from {path}.</source>
        <translation>已从 {path} 加载 {n} 条规则。</translation>
    </message>
    <message>
        <location filename="../../ui/auto_reply_group.py" line="154"/>
        <source>Import automatic reply rules</source>
        <translation>导入自动回复规则</translation>
    </message>
    <message>
        <location filename="../../ui/auto_reply_group.py" line="155"/>
        <location filename="../../ui/auto_reply_group.py" line="178"/>
        <source>Rules files (*.json);;All files (*)</source>
        <translation>规则文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/auto_reply_group.py" line="169"/>
        <source>Rules not saved: {error}</source>
        <translation>规则未保存：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/auto_reply_group.py" line="176"/>
        <source>Export automatic reply rules</source>
        <translation>导出自动回复规则</translation>
    </message>
</context>
<context>
    <name>AutoReplyRules</name>
    <message>
        <location filename="../../app/autoreply/rules_file.py" line="48"/>
        <source>Rule {number}, field “{field}”: {problem}</source>
        <translation>第 {number} 条规则，字段“{field}”：{problem}</translation>
    </message>
    <message>
        <location filename="../../app/autoreply/rules_file.py" line="57"/>
        <source>must be text in quotes</source>
        <translation>必须是带引号的文本</translation>
    </message>
    <message>
        <location filename="../../app/autoreply/rules_file.py" line="64"/>
        <source>Rule {number} must be an object {{…}}.</source>
        <translation>第 {number} 条规则必须是对象 {{…}}。</translation>
    </message>
    <message>
        <location filename="../../app/autoreply/rules_file.py" line="68"/>
        <source>unknown field; known fields: {fields}</source>
        <translation>未知字段；可用字段：{fields}</translation>
    </message>
    <message>
        <location filename="../../app/autoreply/rules_file.py" line="72"/>
        <source>must be one of {choices}</source>
        <translation>必须是以下之一：{choices}</translation>
    </message>
    <message>
        <location filename="../../app/autoreply/rules_file.py" line="79"/>
        <source>an “any” rule matches everything; leave “match” out</source>
        <translation>“any”规则匹配一切；请去掉“match”</translation>
    </message>
    <message>
        <location filename="../../app/autoreply/rules_file.py" line="82"/>
        <source>needs the text to match</source>
        <translation>需要填写要匹配的内容</translation>
    </message>
    <message>
        <location filename="../../app/autoreply/rules_file.py" line="92"/>
        <source>not a valid regular expression: {reason}</source>
        <translation>不是有效的正则表达式：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/autoreply/rules_file.py" line="99"/>
        <source>give “reply” or “reply_hex”, not both</source>
        <translation>“reply”与“reply_hex”只能二选一</translation>
    </message>
    <message>
        <location filename="../../app/autoreply/rules_file.py" line="117"/>
        <source>unknown checksum; use none, xor, sum8, crc8, crc16-modbus, crc16-ccitt-false or crc32</source>
        <translation>未知校验；可用 none、xor、sum8、crc8、crc16-modbus、crc16-ccitt-false 或 crc32</translation>
    </message>
    <message>
        <location filename="../../app/autoreply/rules_file.py" line="123"/>
        <source>must be a number of milliseconds from 0 to {most}</source>
        <translation>必须是 0 到 {most} 之间的毫秒数</translation>
    </message>
    <message>
        <location filename="../../app/autoreply/rules_file.py" line="127"/>
        <source>must be true or false</source>
        <translation>必须是 true 或 false</translation>
    </message>
    <message>
        <location filename="../../app/autoreply/rules_file.py" line="129"/>
        <source>the rule needs “reply”, “reply_hex” or “close”: true</source>
        <translation>规则需要“reply”、“reply_hex”或“close”: true</translation>
    </message>
    <message>
        <location filename="../../app/autoreply/rules_file.py" line="141"/>
        <source>Not valid JSON (line {line}, column {column}): {reason}</source>
        <translation>不是有效的 JSON（第 {line} 行，第 {column} 列）：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/autoreply/rules_file.py" line="144"/>
        <source>Not valid JSON: {reason}</source>
        <translation>不是有效的 JSON：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/autoreply/rules_file.py" line="146"/>
        <source>A rules file is an object with a list “rules”: {&quot;rules&quot;: [ … ]}.</source>
        <translation>规则文件是带“rules”列表的对象：{&quot;rules&quot;: [ … ]}。</translation>
    </message>
    <message>
        <location filename="../../app/autoreply/rules_file.py" line="158"/>
        <source>Cannot read {path}: {reason}</source>
        <translation>无法读取 {path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/autoreply/rules_file.py" line="161"/>
        <source>{path} is too large for a rules file.</source>
        <translation>{path} 太大，不像规则文件。</translation>
    </message>
    <message>
        <location filename="../../app/autoreply/rules_file.py" line="165"/>
        <source>{path} is not UTF-8 text.</source>
        <translation>{path} 不是 UTF-8 文本。</translation>
    </message>
    <message>
        <location filename="../../app/autoreply/rules_file.py" line="191"/>
        <source>after {ms} ms</source>
        <translation>{ms} 毫秒后</translation>
    </message>
    <message>
        <location filename="../../app/autoreply/rules_file.py" line="193"/>
        <source>then close</source>
        <translation>然后关闭</translation>
    </message>
    <message>
        <location filename="../../app/autoreply/template.py" line="45"/>
        <source>unknown placeholder “{{{name}}}”; known: {known}. To send the braces as written, double them: “{{{{{name}}}}}”</source>
        <translation>未知的占位符“{{{name}}}”；可用的有：{known}。要按原样发送花括号，请写两层：“{{{{{name}}}}}”</translation>
    </message>
</context>
<context>
    <name>Checksums</name>
    <message>
        <location filename="../../app/send/checksums.py" line="72"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../app/send/checksums.py" line="73"/>
        <source>XOR (BCC)</source>
        <translation>异或 (BCC)</translation>
    </message>
    <message>
        <location filename="../../app/send/checksums.py" line="74"/>
        <source>SUM8</source>
        <translation>累加和 (SUM8)</translation>
    </message>
    <message>
        <location filename="../../app/send/checksums.py" line="75"/>
        <source>CRC-8</source>
        <translation>CRC-8</translation>
    </message>
    <message>
        <location filename="../../app/send/checksums.py" line="76"/>
        <source>CRC-16/MODBUS</source>
        <translation>CRC-16/MODBUS</translation>
    </message>
    <message>
        <location filename="../../app/send/checksums.py" line="77"/>
        <source>CRC-16/CCITT-FALSE</source>
        <translation>CRC-16/CCITT-FALSE</translation>
    </message>
    <message>
        <location filename="../../app/send/checksums.py" line="78"/>
        <source>CRC-32</source>
        <translation>CRC-32</translation>
    </message>
    <message>
        <location filename="../../app/send/checksums.py" line="84"/>
        <source>Unknown checksum “{kind}”</source>
        <translation>未知的校验方式“{kind}”</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <location filename="../../app/cli/main.py" line="43"/>
        <source>connect, send, wait for a reply</source>
        <translation>连接、发送、等待回复</translation>
    </message>
    <message>
        <location filename="../../app/cli/connect.py" line="41"/>
        <source>Connect to HOST:PORT ([v6]:PORT for IPv6), send TEXT or HEX, and wait for the expected text: exit 0 when it comes, 1 when it does not come within the timeout. Without --expect it exits once the data is sent; with nothing to send or expect it prints traffic until the peer closes or Ctrl+C.</source>
        <translation>连接到 HOST:PORT（IPv6 写作 [v6]:PORT），发送 TEXT 或 HEX，并等待期望的文本：收到则退出码 0，超时未收到则为 1。不带 --expect 时数据发出后即退出；既不发送也不等待时，打印流量直到对方关闭连接或按 Ctrl+C。</translation>
    </message>
    <message>
        <location filename="../../app/cli/connect.py" line="47"/>
        <source>examples:
  socketscope-cli connect 127.0.0.1:8080 --send &quot;PING\r\n&quot; --expect PONG
  socketscope-cli connect 192.168.1.10:502 --send-hex &quot;00 01 00 00 00 06 01 03 00 00 00 0A&quot; --hex
  socketscope-cli connect [::1]:9000</source>
        <translation>示例：
  socketscope-cli connect 127.0.0.1:8080 --send &quot;PING\r\n&quot; --expect PONG
  socketscope-cli connect 192.168.1.10:502 --send-hex &quot;00 01 00 00 00 06 01 03 00 00 00 0A&quot; --hex
  socketscope-cli connect [::1]:9000</translation>
    </message>
    <message>
        <location filename="../../app/cli/common.py" line="57"/>
        <source>text to send, in --encoding (escapes \r \n \t \\ \xNN)</source>
        <translation>要发送的文本，按 --encoding 编码（转义 \r \n \t \\ \xNN）</translation>
    </message>
    <message>
        <location filename="../../app/cli/common.py" line="59"/>
        <source>bytes to send, in hex (01 02 0A, 01020A, 0x01,0x02)</source>
        <translation>要发送的字节，十六进制（01 02 0A、01020A、0x01,0x02）</translation>
    </message>
    <message>
        <location filename="../../app/cli/connect.py" line="57"/>
        <source>wait until the received bytes contain TEXT (in --encoding)</source>
        <translation>等到收到的字节中包含 TEXT（按 --encoding 编码）</translation>
    </message>
    <message>
        <location filename="../../app/cli/connect.py" line="59"/>
        <source>seconds to connect, and to wait for --expect (default 5)</source>
        <translation>连接以及等待 --expect 的秒数（默认 5）</translation>
    </message>
    <message>
        <location filename="../../app/cli/connect.py" line="66"/>
        <location filename="../../app/cli/run.py" line="104"/>
        <source>--timeout must be above 0 and at most 3600 seconds.</source>
        <translation>--timeout 必须大于 0 且不超过 3600 秒。</translation>
    </message>
    <message>
        <location filename="../../app/cli/connect.py" line="109"/>
        <source>Expected “{text}” did not arrive within {seconds:g} s.</source>
        <translation>期望的“{text}”在 {seconds:g} 秒内未到达。</translation>
    </message>
    <message>
        <location filename="../../app/cli/connect.py" line="119"/>
        <source>The connection closed before “{text}” arrived.</source>
        <translation>“{text}”到达之前连接已关闭。</translation>
    </message>
    <message>
        <location filename="../../app/cli/common.py" line="41"/>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <location filename="../../app/cli/common.py" line="43"/>
        <source>print traffic as hex instead of text</source>
        <translation>以十六进制而不是文本打印流量</translation>
    </message>
    <message>
        <location filename="../../app/cli/common.py" line="45"/>
        <source>text encoding of the traffic: utf-8 (default), gbk, auto (UTF-8, else GBK), any Python codec</source>
        <translation>流量的文本编码：utf-8（默认）、gbk、auto（UTF-8，否则 GBK）或任意 Python 编解码器</translation>
    </message>
    <message>
        <location filename="../../app/cli/common.py" line="48"/>
        <source>one entry per read (chunk, default) or per line (lf, crlf)</source>
        <translation>每次读取一条（chunk，默认）或每行一条（lf、crlf）</translation>
    </message>
    <message>
        <location filename="../../app/cli/common.py" line="50"/>
        <source>leave out the time at the start of each entry</source>
        <translation>每条开头不显示时间</translation>
    </message>
    <message>
        <location filename="../../app/cli/common.py" line="136"/>
        <source>({count} entries not shown: they came faster than they could be printed)</source>
        <translation>（{count} 条未显示：到达速度超过了打印速度）</translation>
    </message>
    <message>
        <location filename="../../app/cli/endpoints.py" line="34"/>
        <source>“{host}” in “{text}” is not an IPv6 address: brackets are only for IPv6, e.g. [::]:9000 or [::1]:9000.</source>
        <translation>“{text}”中的“{host}”不是 IPv6 地址：方括号只用于 IPv6，例如 [::]:9000 或 [::1]:9000。</translation>
    </message>
    <message>
        <location filename="../../app/cli/endpoints.py" line="42"/>
        <source>“{host}” in “{text}” is not an address: write ADDR as an IP address of this machine (e.g. 0.0.0.0 for all IPv4 interfaces, 127.0.0.1, [::]) or leave it out.</source>
        <translation>“{text}”中的“{host}”不是地址：ADDR 请写本机的 IP 地址（例如 0.0.0.0 表示所有 IPv4 接口、127.0.0.1、[::]），或者省略。</translation>
    </message>
    <message>
        <location filename="../../app/cli/endpoints.py" line="48"/>
        <source>“{text}” has no valid port: write [ADDR:]PORT with PORT a whole number from 0 to 65535 (0: any free port), e.g. 8080 or 0.0.0.0:8080.</source>
        <translation>“{text}”中没有有效的端口：请写成 [ADDR:]PORT，PORT 是 0 到 65535 之间的整数（0：任意空闲端口），例如 8080 或 0.0.0.0:8080。</translation>
    </message>
    <message>
        <location filename="../../app/cli/endpoints.py" line="64"/>
        <source>Bad value in “{text}”: {problem}</source>
        <translation>“{text}”中的值无效：{problem}</translation>
    </message>
    <message>
        <location filename="../../app/cli/endpoints.py" line="74"/>
        <source>“{text}” is not [ADDR:]PORT: write an IPv6 address in brackets followed by the port, e.g. [::]:9000 or [::1]:9000.</source>
        <translation>“{text}”不是 [ADDR:]PORT：IPv6 地址请写在方括号中，后跟端口，例如 [::]:9000 或 [::1]:9000。</translation>
    </message>
    <message>
        <location filename="../../app/cli/endpoints.py" line="101"/>
        <source>“{text}” has no port: write HOST:PORT, e.g. 192.168.1.10:502 or [::1]:8080.</source>
        <translation>“{text}”没有端口：请写成 HOST:PORT，例如 192.168.1.10:502 或 [::1]:8080。</translation>
    </message>
    <message>
        <location filename="../../app/cli/main.py" line="81"/>
        <source>SocketScope on the command line: the same engine as the window. Traffic goes to stdout, one entry a line; status and errors to stderr. Exit codes: 0 success, 1 an expectation failed, 2 bad usage or a bad file, 3 a network error.</source>
        <translation>命令行版 SocketScope：与窗口使用同一个引擎。流量输出到标准输出，每条一行；状态和错误输出到标准错误。退出码：0 成功，1 期望未满足，2 用法或文件错误，3 网络错误。</translation>
    </message>
    <message>
        <location filename="../../app/cli/main.py" line="85"/>
        <source>Run “socketscope-cli COMMAND --help” for a command&apos;s options and examples.</source>
        <translation>运行“socketscope-cli COMMAND --help”查看某个命令的选项和示例。</translation>
    </message>
    <message>
        <location filename="../../app/cli/main.py" line="47"/>
        <source>convert a recording (both directions) to pcapng for Wireshark</source>
        <translation>把录制文件（双向）转换为 pcapng，供 Wireshark 使用</translation>
    </message>
    <message>
        <location filename="../../app/cli/pcapng.py" line="21"/>
        <source>Convert a recording made with “Record…” (both directions) or “serve --record” into a pcapng file that Wireshark and tshark open: synthesized IP and TCP headers with the real addresses and ports.</source>
        <translation>把用“录制…”（双向）或“serve --record”录制的文件转换为 Wireshark 和 tshark 能打开的 pcapng 文件：合成的 IP 和 TCP 头部带有真实的地址和端口。</translation>
    </message>
    <message>
        <location filename="../../app/cli/pcapng.py" line="25"/>
        <source>example:
  socketscope-cli pcapng session.ssrec session.pcapng</source>
        <translation>示例：
  socketscope-cli pcapng session.ssrec session.pcapng</translation>
    </message>
    <message>
        <location filename="../../app/cli/pcapng.py" line="44"/>
        <source>Cannot convert: {reason}.</source>
        <translation>无法转换：{reason}。</translation>
    </message>
    <message>
        <location filename="../../app/cli/pcapng.py" line="48"/>
        <source>{count} connection(s) of the recording have no addresses (it was made by an older version): they are shown between 127.0.0.1 and 127.0.0.2.</source>
        <translation>录制文件中有 {count} 个连接没有地址（由旧版本录制）：它们显示为 127.0.0.1 与 127.0.0.2 之间的连接。</translation>
    </message>
    <message>
        <location filename="../../app/cli/pcapng.py" line="51"/>
        <source>Wrote {packets} packets to {path}.</source>
        <translation>已将 {packets} 个数据包写入 {path}。</translation>
    </message>
    <message>
        <location filename="../../app/cli/main.py" line="46"/>
        <source>run a scenario file (send, expect, wait) against a device</source>
        <translation>对设备运行场景文件（发送、期望、等待）</translation>
    </message>
    <message>
        <location filename="../../app/cli/run.py" line="40"/>
        <source>Run the steps of SCENARIO (TOML) on one connection: dial the device (--connect) or wait for it to connect (--listen). One line per step with “pass” or “fail”; exit 0 when every step passed, 1 at the first that did not, 2 for a bad file, 3 when the connection fails.</source>
        <translation>在一个连接上运行 SCENARIO（TOML）的各个步骤：主动连接设备（--connect）或等待设备连入（--listen）。每个步骤一行，带“pass”或“fail”；全部通过退出码为 0，第一个未通过的步骤为 1，文件错误为 2，连接失败为 3。</translation>
    </message>
    <message>
        <location filename="../../app/cli/run.py" line="45"/>
        <source>scenario file:
  encoding = &quot;utf-8&quot;            # optional
  [[step]]
  send_hex = &quot;01 03 00 00 00 0A&quot;
  checksum = &quot;crc16-modbus&quot;     # optional
  [[step]]
  expect_hex = &quot;01 03 14&quot;       # or expect / expect_regex
  timeout = 2.0                 # seconds, default 5
  [[step]]
  wait = 0.5
examples:
  socketscope-cli run modbus.toml --connect 192.168.1.10:502
  socketscope-cli run login.toml --listen 0.0.0.0:9000</source>
        <translation>场景文件：
  encoding = &quot;utf-8&quot;            # 可选
  [[step]]
  send_hex = &quot;01 03 00 00 00 0A&quot;
  checksum = &quot;crc16-modbus&quot;     # 可选
  [[step]]
  expect_hex = &quot;01 03 14&quot;       # 或 expect / expect_regex
  timeout = 2.0                 # 秒，默认 5
  [[step]]
  wait = 0.5
示例：
  socketscope-cli run modbus.toml --connect 192.168.1.10:502
  socketscope-cli run login.toml --listen 0.0.0.0:9000</translation>
    </message>
    <message>
        <location filename="../../app/cli/run.py" line="61"/>
        <source>dial the device</source>
        <translation>主动连接设备</translation>
    </message>
    <message>
        <location filename="../../app/cli/run.py" line="63"/>
        <source>wait for one device to connect</source>
        <translation>等待一个设备连入</translation>
    </message>
    <message>
        <location filename="../../app/cli/run.py" line="65"/>
        <source>seconds to connect (--connect; default 5)</source>
        <translation>连接的秒数（--connect；默认 5）</translation>
    </message>
    <message>
        <location filename="../../app/cli/run.py" line="74"/>
        <source>send {count} bytes: {hex}</source>
        <translation>发送 {count} 字节：{hex}</translation>
    </message>
    <message>
        <location filename="../../app/cli/run.py" line="79"/>
        <source>wait {seconds:g} s</source>
        <translation>等待 {seconds:g} 秒</translation>
    </message>
    <message>
        <location filename="../../app/cli/run.py" line="86"/>
        <source>received {count} bytes since the previous expect</source>
        <translation>自上一个期望步骤以来收到 {count} 字节</translation>
    </message>
    <message>
        <location filename="../../app/cli/run.py" line="142"/>
        <source>Interrupted.</source>
        <translation>已中断。</translation>
    </message>
    <message>
        <location filename="../../app/cli/main.py" line="42"/>
        <source>run a TCP server and print its traffic</source>
        <translation>运行 TCP 服务器并打印其流量</translation>
    </message>
    <message>
        <location filename="../../app/cli/serve.py" line="30"/>
        <source>Listen on [ADDR:]PORT (all IPv4 interfaces when ADDR is left out; [::] for IPv6 and IPv4) and print every client&apos;s traffic until Ctrl+C or SIGTERM, then exit 0.</source>
        <translation>在 [ADDR:]PORT 上监听（省略 ADDR 时为所有 IPv4 接口；[::] 表示 IPv6 和 IPv4），打印每个客户端的流量，直到按 Ctrl+C 或收到 SIGTERM，然后以 0 退出。</translation>
    </message>
    <message>
        <location filename="../../app/cli/serve.py" line="34"/>
        <source>examples:
  socketscope-cli serve 8080
  socketscope-cli serve 127.0.0.1:9000 --echo --hex
  socketscope-cli serve [::]:502 --welcome &quot;hello\r\n&quot; --pcapng device.pcapng</source>
        <translation>示例：
  socketscope-cli serve 8080
  socketscope-cli serve 127.0.0.1:9000 --echo --hex
  socketscope-cli serve [::]:502 --welcome &quot;hello\r\n&quot; --pcapng device.pcapng</translation>
    </message>
    <message>
        <location filename="../../app/cli/serve.py" line="42"/>
        <source>send every received chunk back to its sender</source>
        <translation>把收到的每一块数据发回给发送方</translation>
    </message>
    <message>
        <location filename="../../app/cli/serve.py" line="44"/>
        <source>send TEXT to each client as it connects (escapes \r \n \t \\ \xNN, UTF-8; {peer} is the client&apos;s host:port)</source>
        <translation>每个客户端连入时发送 TEXT（转义 \r \n \t \\ \xNN，UTF-8；{peer} 为客户端的 主机:端口）</translation>
    </message>
    <message>
        <location filename="../../app/cli/serve.py" line="48"/>
        <source>auto-reply rules file (JSON, as the window&apos;s Import)</source>
        <translation>自动回复规则文件（JSON，与窗口中的导入相同）</translation>
    </message>
    <message>
        <location filename="../../app/cli/serve.py" line="50"/>
        <source>also write the traffic to FILE as pcapng</source>
        <translation>同时把流量以 pcapng 格式写入 FILE</translation>
    </message>
    <message>
        <location filename="../../app/cli/serve.py" line="52"/>
        <source>also record both directions to FILE (convert it later with the pcapng command)</source>
        <translation>同时把双向数据录制到 FILE（之后可用 pcapng 命令转换）</translation>
    </message>
    <message>
        <location filename="../../app/cli/serve.py" line="70"/>
        <source>--welcome: {error}</source>
        <translation>--welcome：{error}</translation>
    </message>
    <message>
        <location filename="../../app/cli/serve.py" line="92"/>
        <source>Cannot write “{path}”: {reason}.</source>
        <translation>无法写入“{path}”：{reason}。</translation>
    </message>
    <message>
        <location filename="../../app/cli/serve.py" line="107"/>
        <source>Writing the pcapng file failed: {reason}.</source>
        <translation>写入 pcapng 文件失败：{reason}。</translation>
    </message>
    <message>
        <location filename="../../app/cli/main.py" line="44"/>
        <source>bind a UDP port, print datagrams, send one</source>
        <translation>绑定 UDP 端口，打印数据报，按需发送一个</translation>
    </message>
    <message>
        <location filename="../../app/cli/udp.py" line="31"/>
        <source>Bind a UDP port on [ADDR:]PORT (all IPv4 interfaces when ADDR is left out; [::] for IPv6 and IPv4), print each datagram that arrives as one entry naming its sender, and send one datagram to --to if asked. Runs until Ctrl+C or SIGTERM, then exits 0; exits 3 at once when the datagram cannot be sent (a broadcast address without --broadcast, host not found).</source>
        <translation>在 [ADDR:]PORT 上绑定 UDP 端口（省略 ADDR 时为所有 IPv4 接口；[::] 表示 IPv6 和 IPv4），把到达的每个数据报作为一条记录打印并注明发送方，需要时向 --to 发送一个数据报。运行直到按 Ctrl+C 或收到 SIGTERM，然后以 0 退出；数据报无法发送时（广播地址却没有 --broadcast、找不到主机）立即以 3 退出。</translation>
    </message>
    <message>
        <location filename="../../app/cli/udp.py" line="37"/>
        <source>examples:
  socketscope-cli udp 9000
  socketscope-cli udp 0.0.0.0:9000 --to 192.168.1.20:9000 --send &quot;hello\r\n&quot;
  socketscope-cli udp 0.0.0.0:0 --broadcast --to 255.255.255.255:9000 --send-hex &quot;01 02&quot;
  socketscope-cli udp [::]:5683 --hex</source>
        <translation>示例：
  socketscope-cli udp 9000
  socketscope-cli udp 0.0.0.0:9000 --to 192.168.1.20:9000 --send &quot;hello\r\n&quot;
  socketscope-cli udp 0.0.0.0:0 --broadcast --to 255.255.255.255:9000 --send-hex &quot;01 02&quot;
  socketscope-cli udp [::]:5683 --hex</translation>
    </message>
    <message>
        <location filename="../../app/cli/udp.py" line="47"/>
        <source>where --send and --send-hex go</source>
        <translation>--send 和 --send-hex 发往的地址</translation>
    </message>
    <message>
        <location filename="../../app/cli/udp.py" line="49"/>
        <source>allow sending to broadcast addresses (SO_BROADCAST), e.g. --to 255.255.255.255:9000</source>
        <translation>允许发送到广播地址（SO_BROADCAST），例如 --to 255.255.255.255:9000</translation>
    </message>
    <message>
        <location filename="../../app/cli/udp.py" line="59"/>
        <source>--send and --send-hex need --to HOST:PORT.</source>
        <translation>--send 和 --send-hex 需要 --to HOST:PORT。</translation>
    </message>
    <message>
        <location filename="../../app/cli/main.py" line="45"/>
        <source>forward TCP between devices and a target, printing both directions</source>
        <translation>在设备与目标之间转发 TCP，并打印两个方向的数据</translation>
    </message>
    <message>
        <location filename="../../app/cli/relay.py" line="23"/>
        <source>Listen on [ADDR:]PORT; for each device that connects, connect to HOST:PORT and forward both ways unchanged, printing the traffic of both sides until Ctrl+C or SIGTERM, then exit 0.</source>
        <translation>在 [ADDR:]PORT 上监听；每有一个设备连入，就连接到 HOST:PORT 并原样双向转发，打印两侧的流量，直到 Ctrl+C 或 SIGTERM，然后以 0 退出。</translation>
    </message>
    <message>
        <location filename="../../app/cli/relay.py" line="27"/>
        <source>examples:
  socketscope-cli relay 1502 192.168.1.10:502
  socketscope-cli relay 127.0.0.1:9000 [::1]:8080 --hex</source>
        <translation>示例：
  socketscope-cli relay 1502 192.168.1.10:502
  socketscope-cli relay 127.0.0.1:9000 [::1]:8080 --hex</translation>
    </message>
    <message>
        <location filename="../../app/cli/relay.py" line="34"/>
        <source>seconds to wait for the target to answer (default 5)</source>
        <translation>等待目标应答的秒数（默认 5）</translation>
    </message>
</context>
<context>
    <name>ClientListModel</name>
    <message>
        <location filename="../../ui/client_list_model.py" line="42"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/client_list_model.py" line="43"/>
        <source>Since</source>
        <translation>连接时间</translation>
    </message>
    <message>
        <location filename="../../ui/client_list_model.py" line="44"/>
        <source>Last activity</source>
        <translation>最近活动</translation>
    </message>
    <message>
        <location filename="../../ui/client_list_model.py" line="45"/>
        <source>RX bytes</source>
        <translation>接收字节</translation>
    </message>
    <message>
        <location filename="../../ui/client_list_model.py" line="46"/>
        <source>TX bytes</source>
        <translation>发送字节</translation>
    </message>
    <message>
        <location filename="../../ui/client_list_model.py" line="62"/>
        <source>{peer} → {local}</source>
        <translation>{peer} → {local}</translation>
    </message>
    <message>
        <location filename="../../ui/client_list_model.py" line="65"/>
        <source>Finished sending (half-close); you can still send.</source>
        <translation>对方已结束发送（半关闭）；你仍可发送。</translation>
    </message>
</context>
<context>
    <name>ClientPage</name>
    <message>
        <location filename="../../ui/pages/client_page.py" line="41"/>
        <source>TCP Client</source>
        <translation>TCP 客户端</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="44"/>
        <source>Remote host</source>
        <translation>远程主机</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="46"/>
        <source>host, IPv4 or IPv6 address; host:port or [v6]:port</source>
        <translation>主机名、IPv4 或 IPv6 地址；也可写 主机:端口 或 [v6]:端口</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="48"/>
        <source>Remote port</source>
        <translation>远程端口</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="49"/>
        <source>Local port (0 = any)</source>
        <translation>本地端口 (0 = 任意)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="51"/>
        <source>any</source>
        <translation>任意</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="53"/>
        <source>Connect timeout in seconds</source>
        <translation>连接超时（秒）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="58"/>
        <source>TCP_NODELAY (send at once)</source>
        <translation>TCP_NODELAY (立即发送)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="59"/>
        <source>Disable Nagle&apos;s algorithm</source>
        <translation>禁用 Nagle 算法</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="63"/>
        <source>Reconnect after a drop</source>
        <translation>断线后自动重连</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="65"/>
        <source>Reconnect automatically after the connection drops</source>
        <translation>连接断开后自动重新连接</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="68"/>
        <source>Waits 1 s, then doubles the wait after each failed attempt, up to 30 s, until you disconnect. A periodic send goes on once connected again.</source>
        <translation>先等 1 秒，每次失败后等待时间加倍，最长 30 秒，直到您断开。重新连接后定时发送继续进行。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="70"/>
        <source>Close with reset (RST)</source>
        <translation>以复位关闭（RST）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="72"/>
        <source>Close the connection with a reset</source>
        <translation>以复位方式关闭连接</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="74"/>
        <source>SO_LINGER 0: disconnecting sends RST instead of FIN, to test how a device takes an abrupt close.</source>
        <translation>SO_LINGER 0：断开时发送 RST 而非 FIN，用于测试设备对突然断开的反应。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="76"/>
        <source>Connect or disconnect</source>
        <translation>连接或断开</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="78"/>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="79"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="80"/>
        <source>Local port</source>
        <translation>本地端口</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="81"/>
        <source>Timeout</source>
        <translation>超时</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="97"/>
        <source>Connect</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="98"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="99"/>
        <source>Disconnect</source>
        <translation>断开</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="110"/>
        <source>Enter the host to connect to (name or IP address).</source>
        <translation>请输入要连接的主机（主机名或 IP 地址）。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/client_page.py" line="129"/>
        <source>Nothing sent: not connected. Click Connect first.</source>
        <translation>未发送：尚未连接。请先点击“连接”。</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <location filename="../../ui/command_line.py" line="73"/>
        <source>SocketScope, a network debugging assistant. Without options the window opens with the pages of the last run.</source>
        <translation>SocketScope 网络调试助手。不带选项时，窗口打开上次运行时的页面。</translation>
    </message>
    <message>
        <location filename="../../ui/command_line.py" line="77"/>
        <source>Show this help and exit.</source>
        <translation>显示此帮助并退出。</translation>
    </message>
    <message>
        <location filename="../../ui/command_line.py" line="78"/>
        <source>Show the version and exit.</source>
        <translation>显示版本并退出。</translation>
    </message>
    <message>
        <location filename="../../ui/command_line.py" line="80"/>
        <source>Open a TCP server listening on [ADDR:]PORT (PORT 0: any free port; without ADDR: 0.0.0.0).</source>
        <translation>打开一个在 [ADDR:]PORT 上监听的 TCP 服务器（PORT 为 0：任一空闲端口；省略 ADDR：0.0.0.0）。</translation>
    </message>
    <message>
        <location filename="../../ui/command_line.py" line="83"/>
        <source>Open a TCP client connecting to HOST:PORT (IPv6 as [::1]:PORT).</source>
        <translation>打开一个连接到 HOST:PORT 的 TCP 客户端（IPv6 写作 [::1]:PORT）。</translation>
    </message>
    <message>
        <location filename="../../ui/command_line.py" line="86"/>
        <source>Open a UDP session bound to [ADDR:]PORT.</source>
        <translation>打开一个绑定到 [ADDR:]PORT 的 UDP 会话。</translation>
    </message>
    <message>
        <location filename="../../ui/command_line.py" line="113"/>
        <source>Unexpected argument(s): {arguments}. See --help.</source>
        <translation>多余的参数：{arguments}。请参阅 --help。</translation>
    </message>
    <message>
        <location filename="../../ui/command_line.py" line="134"/>
        <source>--udp: this version of SocketScope has no UDP sessions yet.</source>
        <translation>--udp：此版本的 SocketScope 尚无 UDP 会话。</translation>
    </message>
    <message>
        <location filename="../../ui/command_line.py" line="146"/>
        <source>{option}: port {port} is out of range: a port is a number from 0 to 65535.</source>
        <translation>{option}：端口 {port} 超出范围：端口是 0 到 65535 之间的数字。</translation>
    </message>
    <message>
        <location filename="../../ui/command_line.py" line="158"/>
        <source>{option}: “{text}” has no port: write [ADDR:]PORT, e.g. 0.0.0.0:8080 or 8080.</source>
        <translation>{option}：“{text}” 没有端口：请写成 [ADDR:]PORT，例如 0.0.0.0:8080 或 8080。</translation>
    </message>
    <message>
        <location filename="../../ui/command_line.py" line="166"/>
        <source>{option}: “{text}” has no port: write HOST:PORT, e.g. 192.168.1.10:8080 or [::1]:8080.</source>
        <translation>{option}：“{text}” 没有端口：请写成 HOST:PORT，例如 192.168.1.10:8080 或 [::1]:8080。</translation>
    </message>
</context>
<context>
    <name>ConnectThread</name>
    <message>
        <location filename="../../app/net/connector.py" line="58"/>
        <source>connecting to {endpoint}</source>
        <translation>连接 {endpoint}</translation>
    </message>
</context>
<context>
    <name>CrashReporter</name>
    <message>
        <location filename="../../ui/crash.py" line="102"/>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <location filename="../../ui/crash.py" line="102"/>
        <source>SocketScope met an error it did not expect. It keeps running, but what you were doing may not have finished.

{summary}

The details are in the log:
{path}</source>
        <translation>SocketScope 遇到了意外错误。程序仍在运行，但刚才的操作可能没有完成。

{summary}

详细信息见日志：
{path}</translation>
    </message>
</context>
<context>
    <name>Endpoints</name>
    <message>
        <location filename="../../app/net/endpoints.py" line="91"/>
        <source>Enter a host name or address.</source>
        <translation>请输入主机名或地址。</translation>
    </message>
    <message>
        <location filename="../../app/net/endpoints.py" line="95"/>
        <source>“{text}” has no closing “]”: write an IPv6 address with a port as [::1]:8080.</source>
        <translation>“{text}”缺少右方括号“]”：带端口的 IPv6 地址请写成 [::1]:8080。</translation>
    </message>
    <message>
        <location filename="../../app/net/endpoints.py" line="100"/>
        <source>“{host}” in brackets is not an IPv6 address: brackets are only for IPv6, as in [::1]:8080.</source>
        <translation>方括号中的“{host}”不是 IPv6 地址：方括号只用于 IPv6，例如 [::1]:8080。</translation>
    </message>
    <message>
        <location filename="../../app/net/endpoints.py" line="106"/>
        <source>After “]” write “:” and the port, as in [::1]:8080, not “{rest}”.</source>
        <translation>“]”之后应写“:”和端口，例如 [::1]:8080，而不是“{rest}”。</translation>
    </message>
    <message>
        <location filename="../../app/net/endpoints.py" line="113"/>
        <source>“{text}” is neither host:port nor an IPv6 address. Write an IPv6 address with a port in brackets, as [::1]:8080.</source>
        <translation>“{text}”既不是 主机:端口，也不是 IPv6 地址。带端口的 IPv6 地址请加方括号，例如 [::1]:8080。</translation>
    </message>
    <message>
        <location filename="../../app/net/endpoints.py" line="120"/>
        <source>No host before “:{port}”: write it as host:port, e.g. 192.168.1.10:8080.</source>
        <translation>“:{port}”前面缺少主机：请写成 主机:端口，例如 192.168.1.10:8080。</translation>
    </message>
    <message>
        <location filename="../../app/net/endpoints.py" line="128"/>
        <source>No port after the “:” in “{text}”: add the port or remove the colon.</source>
        <translation>“{text}”中的“:”后面没有端口：请补上端口或删除冒号。</translation>
    </message>
    <message>
        <location filename="../../app/net/endpoints.py" line="131"/>
        <source>“{port}” is not a port number: a port is a number from {low} to {high}.</source>
        <translation>“{port}”不是端口号：端口是 {low} 到 {high} 之间的数字。</translation>
    </message>
    <message>
        <location filename="../../app/net/endpoints.py" line="136"/>
        <source>Port {port} is out of range: a port is a number from {low} to {high}.</source>
        <translation>端口 {port} 超出范围：端口是 {low} 到 {high} 之间的数字。</translation>
    </message>
</context>
<context>
    <name>EntryDialog</name>
    <message>
        <location filename="../../ui/entry_dialog.py" line="42"/>
        <source>Log entry ({size})</source>
        <translation>日志条目（{size}）</translation>
    </message>
    <message>
        <location filename="../../ui/entry_dialog.py" line="49"/>
        <source>Whole log entry</source>
        <translation>完整的日志条目</translation>
    </message>
    <message>
        <location filename="../../ui/entry_dialog.py" line="62"/>
        <source>About this entry</source>
        <translation>关于此条目</translation>
    </message>
    <message>
        <location filename="../../ui/entry_dialog.py" line="66"/>
        <source>This window shows the first {shown}; Save… writes the whole entry.</source>
        <translation>此窗口只显示前 {shown}；“保存…”会写入整个条目。</translation>
    </message>
    <message>
        <location filename="../../ui/entry_dialog.py" line="70"/>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <location filename="../../ui/entry_dialog.py" line="72"/>
        <source>Save the whole entry</source>
        <translation>保存整个条目</translation>
    </message>
    <message>
        <location filename="../../ui/entry_dialog.py" line="79"/>
        <source>Save entry</source>
        <translation>保存条目</translation>
    </message>
    <message>
        <location filename="../../ui/entry_dialog.py" line="80"/>
        <source>Text files (*.txt)</source>
        <translation>文本文件 (*.txt)</translation>
    </message>
    <message>
        <location filename="../../ui/entry_dialog.py" line="90"/>
        <source>Cannot save to {path}: {reason}</source>
        <translation>无法保存到 {path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/entry_dialog.py" line="108"/>
        <source>Entry saved.</source>
        <translation>条目已保存。</translation>
    </message>
    <message>
        <location filename="../../ui/entry_dialog.py" line="109"/>
        <source>Cannot save the entry: {reason}</source>
        <translation>无法保存条目：{reason}</translation>
    </message>
</context>
<context>
    <name>FileSender</name>
    <message>
        <location filename="../../app/send/file_send.py" line="56"/>
        <source>sending {file}</source>
        <translation>发送 {file}</translation>
    </message>
    <message>
        <location filename="../../app/send/file_send.py" line="81"/>
        <source>File send stopped: nobody is connected.</source>
        <translation>文件发送已停止：当前没有连接。</translation>
    </message>
    <message>
        <location filename="../../app/send/file_send.py" line="90"/>
        <source>File send cancelled after {n} bytes.</source>
        <translation>文件发送已取消（已发送 {n} 字节）。</translation>
    </message>
    <message>
        <location filename="../../app/send/file_send.py" line="93"/>
        <source>Cannot read {path}: {why}</source>
        <translation>无法读取 {path}：{why}</translation>
    </message>
</context>
<context>
    <name>Framing</name>
    <message>
        <location filename="../../app/traffic/framing.py" line="57"/>
        <source>Enter the delimiter as hex bytes, e.g. 0D 0A</source>
        <translation>以十六进制字节输入分隔符，例如 0D 0A</translation>
    </message>
</context>
<context>
    <name>HexInput</name>
    <message>
        <location filename="../../app/send/hex_input.py" line="111"/>
        <source>Invalid hex character “{char}” at position {pos}</source>
        <translation>位置 {pos} 处有无效的十六进制字符“{char}”</translation>
    </message>
    <message>
        <location filename="../../app/send/hex_input.py" line="119"/>
        <source>“{token}” at position {pos} has no hex digits after the prefix</source>
        <translation>位置 {pos} 处的“{token}”在前缀后没有十六进制数字</translation>
    </message>
    <message>
        <location filename="../../app/send/hex_input.py" line="132"/>
        <source>Lone hex digit “{digit}” at position {pos}: a byte is two digits, for example “{example}”</source>
        <translation>位置 {pos} 处的十六进制数字“{digit}”落单：一个字节是两位数字，例如“{example}”</translation>
    </message>
    <message>
        <location filename="../../app/send/hex_input.py" line="136"/>
        <source>Odd number of hex digits ({count}) in “{token}” at positions {first}–{last}: paired from the left, “{digit}” at position {pos} is left alone. Add the missing 0, for example “{leading}” or “{inner}”</source>
        <translation>位置 {first}–{last} 的“{token}”有奇数个（{count} 个）十六进制数字：从左两两配对，位置 {pos} 处的“{digit}”落单。请补上缺少的 0，例如“{leading}”或“{inner}”</translation>
    </message>
</context>
<context>
    <name>HistoryRenderThread</name>
    <message>
        <location filename="../../app/traffic/history_render.py" line="116"/>
        <source>showing the log again</source>
        <translation>重新显示日志</translation>
    </message>
</context>
<context>
    <name>Interfaces</name>
    <message>
        <location filename="../../app/net/interfaces.py" line="51"/>
        <source>0.0.0.0 — all IPv4 interfaces</source>
        <translation>0.0.0.0 — 所有 IPv4 接口</translation>
    </message>
    <message>
        <location filename="../../app/net/interfaces.py" line="52"/>
        <source>:: — all interfaces (IPv6 and IPv4)</source>
        <translation>:: — 所有接口 (IPv6 和 IPv4)</translation>
    </message>
    <message>
        <location filename="../../app/net/interfaces.py" line="53"/>
        <source>127.0.0.1 — this machine only</source>
        <translation>127.0.0.1 — 仅本机</translation>
    </message>
    <message>
        <location filename="../../app/net/interfaces.py" line="54"/>
        <source>::1 — this machine only (IPv6)</source>
        <translation>::1 — 仅本机 (IPv6)</translation>
    </message>
</context>
<context>
    <name>KeepAlive</name>
    <message>
        <location filename="../../ui/keep_alive.py" line="15"/>
        <source>TCP keep-alive</source>
        <translation>TCP 保活 (keep-alive)</translation>
    </message>
    <message>
        <location filename="../../ui/keep_alive.py" line="17"/>
        <source>TCP keep-alive on the connections</source>
        <translation>在连接上启用 TCP 保活</translation>
    </message>
    <message>
        <location filename="../../ui/keep_alive.py" line="24"/>
        <source>Probe a connection after {idle} s of silence, every {interval} s, and drop it after {count} unanswered probes, so a device that lost power or coverage does not stay connected forever. Applies to every connection opened while it is checked.</source>
        <translation>连接静默 {idle} 秒后开始探测，每 {interval} 秒一次，连续 {count} 次无应答则断开，这样断电或失去信号的设备不会一直显示为已连接。勾选期间打开的每个连接都会启用。</translation>
    </message>
</context>
<context>
    <name>ListeningSession</name>
    <message>
        <location filename="../../app/sessions/listening.py" line="43"/>
        <source>Starting to listen…</source>
        <translation>正在开始监听…</translation>
    </message>
    <message>
        <location filename="../../app/sessions/listening.py" line="81"/>
        <source>refused: {reason}</source>
        <translation>已拒绝：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/sessions/listening.py" line="127"/>
        <source>Stopped.</source>
        <translation>已停止。</translation>
    </message>
</context>
<context>
    <name>LocalAddressPage</name>
    <message>
        <location filename="../../ui/pages/local_address.py" line="40"/>
        <source>Local port</source>
        <translation>本地端口</translation>
    </message>
    <message>
        <location filename="../../ui/pages/local_address.py" line="42"/>
        <source>0 (any free port)</source>
        <translation>0（任意空闲端口）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/local_address.py" line="44"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/pages/local_address.py" line="45"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location filename="../../ui/pages/local_address.py" line="89"/>
        <source>“{text}” has a port in it: enter the address alone here ({host}) and the port ({port}) in the Port box.</source>
        <translation>“{text}”中含有端口：这里只填地址（{host}），端口（{port}）请填在“端口”框中。</translation>
    </message>
</context>
<context>
    <name>LogPanel</name>
    <message>
        <location filename="../../ui/log_panel.py" line="57"/>
        <source>Traffic log</source>
        <translation>通信日志</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="68"/>
        <source>What the log does not show</source>
        <translation>日志中未显示的内容</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="78"/>
        <location filename="../../ui/log_panel.py" line="169"/>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="79"/>
        <source>Pause the display</source>
        <translation>暂停显示</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="82"/>
        <source>Freeze the display. Data keeps being received, counted and recorded.</source>
        <translation>冻结显示。数据仍会继续接收、计数和录制。</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="84"/>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="85"/>
        <source>Clear log</source>
        <translation>清空日志</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="87"/>
        <source>Find in log</source>
        <translation>在日志中查找</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="88"/>
        <source>Find in log…</source>
        <translation>在日志中查找…</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="92"/>
        <source>Find previous</source>
        <translation>查找上一个</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="95"/>
        <source>Find next</source>
        <translation>查找下一个</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="98"/>
        <source>Smaller log font</source>
        <translation>缩小日志字体</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="101"/>
        <source>Larger log font</source>
        <translation>放大日志字体</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="105"/>
        <location filename="../../ui/log_panel.py" line="282"/>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="108"/>
        <location filename="../../ui/log_panel.py" line="428"/>
        <source>Record…</source>
        <translation>录制…</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="109"/>
        <source>Record raw traffic to a file</source>
        <translation>将原始数据录制到文件</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="112"/>
        <source>Write every received byte to a file, exactly as it arrived, before anything is trimmed from the log. Choose the .ssrec type to record both directions.</source>
        <translation>把收到的每个字节按原样写入文件，在日志裁剪之前完成。选择 .ssrec 类型可同时录制收发两个方向。</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="115"/>
        <source>Export pcapng…</source>
        <translation>导出 pcapng…</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="116"/>
        <source>Export the traffic as pcapng</source>
        <translation>将流量导出为 pcapng</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="118"/>
        <source>Write the traffic as pcapng for Wireshark or tshark. While a both-directions recording (.ssrec) runs, the file is made from it: every byte since the recording began, exact. Otherwise it is made from what the log holds (recent traffic within the log&apos;s memory limit); a send to several clients and a file send are single log entries, so they are left out.</source>
        <translation>将流量写成 pcapng 文件，供 Wireshark 或 tshark 读取。正在进行双向录制（.ssrec）时，文件由录制生成：自录制开始以来的每个字节，准确无误。否则由日志中保存的内容生成（日志内存上限内的近期流量）；发给多个客户端的发送和文件发送在日志中只是一条记录，因此不包含在内。</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="124"/>
        <source>Connection events</source>
        <translation>连接事件</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="125"/>
        <source>Show connection events in the log</source>
        <translation>在日志中显示连接事件</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="127"/>
        <source>Show in the log when a peer connects, finishes sending or disconnects, and why.</source>
        <translation>在日志中显示对方何时连接、结束发送或断开，以及原因。</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="169"/>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="174"/>
        <source>“{text}” is not in the log.</source>
        <translation>日志中找不到“{text}”。</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="185"/>
        <source>{n} entries ({size}) were skipped in the view during a flood.</source>
        <translation>数据量过大，显示时跳过了 {n} 条 ({size})。</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="189"/>
        <source>{n} entries ({size}) were dropped from memory (log memory limit).</source>
        <translation>{n} 条 ({size}) 已从内存中丢弃（日志内存上限）。</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="192"/>
        <source>Counters and recordings are complete.</source>
        <translation>计数和录制文件是完整的。</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="212"/>
        <source>Save log</source>
        <translation>保存日志</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="212"/>
        <source>Text files (*.txt)</source>
        <translation>文本文件 (*.txt)</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="224"/>
        <source>The log is still being saved.</source>
        <translation>日志仍在保存中。</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="241"/>
        <source>Cancel saving</source>
        <translation>取消保存</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="242"/>
        <source>Stop saving the log; the partial file is removed</source>
        <translation>停止保存日志；已写入一部分的文件会被删除</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="243"/>
        <source>Cancel saving the log</source>
        <translation>取消保存日志</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="250"/>
        <source>Saving the log… {percent} %</source>
        <translation>正在保存日志… {percent} %</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="264"/>
        <source>Cancelling the save…</source>
        <translation>正在取消保存…</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="274"/>
        <source>Saving cancelled; the partial file {path} was removed.</source>
        <translation>已取消保存；已写入一部分的文件 {path} 已删除。</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="292"/>
        <source>Cannot save the log to {path}: {reason}</source>
        <translation>无法将日志保存到 {path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="290"/>
        <source>Log saved to {path}.</source>
        <translation>日志已保存到 {path}。</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="106"/>
        <location filename="../../ui/log_panel.py" line="285"/>
        <source>Save the log to a text file, every entry whole</source>
        <translation>将日志保存为文本文件，每个条目完整保存</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="326"/>
        <source>Export as pcapng</source>
        <translation>导出为 pcapng</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="327"/>
        <source>pcapng files (*.pcapng)</source>
        <translation>pcapng 文件 (*.pcapng)</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="340"/>
        <source>An export is still running.</source>
        <translation>导出仍在进行中。</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="367"/>
        <source>Cannot export to {path}: {reason}</source>
        <translation>无法导出到 {path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="370"/>
        <source>from the recording</source>
        <translation>来自录制</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="371"/>
        <source>from the log</source>
        <translation>来自日志</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="372"/>
        <source>Exported {n} packets ({source}) to {path}.</source>
        <translation>已导出 {n} 个数据包（{source}）到 {path}。</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="376"/>
        <source>{n} log entries were left out (sends to several clients, file sends).</source>
        <translation>有 {n} 条日志记录未包含在内（发给多个客户端的发送、文件发送）。</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="388"/>
        <source>Received bytes, exactly (*.bin)</source>
        <translation>仅接收的原始字节 (*.bin)</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="389"/>
        <source>Both directions, framed SSREC1 (*.ssrec)</source>
        <translation>收发双向，SSREC1 分帧格式 (*.ssrec)</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="391"/>
        <source>Record raw traffic to</source>
        <translation>将原始数据录制到</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="402"/>
        <source>Cannot record to {path}: {reason}</source>
        <translation>无法录制到 {path}：{reason}</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="407"/>
        <source>Stop recording</source>
        <translation>停止录制</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="408"/>
        <source>Recording to {path}.</source>
        <translation>正在录制到 {path}。</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="423"/>
        <source>Recording stopped: {size} written to {path}.</source>
        <translation>录制已停止：已向 {path} 写入 {size}。</translation>
    </message>
    <message>
        <location filename="../../ui/log_panel.py" line="436"/>
        <source>{message}. The session goes on; counters are unaffected.</source>
        <translation>{message}。会话继续运行，计数不受影响。</translation>
    </message>
</context>
<context>
    <name>LogRender</name>
    <message>
        <location filename="../../app/traffic/renderer.py" line="140"/>
        <source>RX</source>
        <translation>收</translation>
    </message>
    <message>
        <location filename="../../app/traffic/renderer.py" line="141"/>
        <source>TX</source>
        <translation>发</translation>
    </message>
    <message>
        <location filename="../../app/traffic/renderer.py" line="144"/>
        <source>TX-auto</source>
        <extracomment>What an automatic reply (echo, rules, welcome) shows instead of TX.</extracomment>
        <translation>TX-自动</translation>
    </message>
    <message>
        <location filename="../../app/traffic/renderer.py" line="146"/>
        <source>… ({count} more bytes not shown; double-click to see the whole entry)</source>
        <translation>…（另有 {count} 字节未显示；双击查看整个条目）</translation>
    </message>
    <message>
        <location filename="../../app/traffic/renderer.py" line="150"/>
        <source>… ({count} more bytes not shown)</source>
        <translation>… (另有 {count} 字节未显示)</translation>
    </message>
    <message>
        <location filename="../../app/traffic/renderer.py" line="153"/>
        <source>(0 bytes)</source>
        <translation>（0 字节）</translation>
    </message>
    <message>
        <location filename="../../app/traffic/renderer.py" line="154"/>
        <source>(part of a character; it shows whole with the next bytes)</source>
        <translation>（字符的一部分；将与后续字节一起完整显示）</translation>
    </message>
</context>
<context>
    <name>LogSaveThread</name>
    <message>
        <location filename="../../app/traffic/log_saver.py" line="124"/>
        <source>saving the log</source>
        <translation>保存日志</translation>
    </message>
</context>
<context>
    <name>LogView</name>
    <message>
        <location filename="../../ui/log_view.py" line="498"/>
        <source>Show Whole Entry…</source>
        <translation>显示整个条目…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="65"/>
        <source>SocketScope</source>
        <translation>SocketScope 网络调试助手</translation>
    </message>
    <message>
        <location filename="../../ui/pages/__init__.py" line="72"/>
        <source>TCP Server</source>
        <translation>TCP 服务器</translation>
    </message>
    <message>
        <location filename="../../ui/pages/__init__.py" line="75"/>
        <source>TCP Client</source>
        <translation>TCP 客户端</translation>
    </message>
    <message>
        <location filename="../../ui/pages/__init__.py" line="79"/>
        <source>UDP</source>
        <translation>UDP</translation>
    </message>
    <message>
        <location filename="../../ui/pages/__init__.py" line="80"/>
        <source>New &amp;UDP</source>
        <translation>新建 UDP(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/__init__.py" line="82"/>
        <source>TCP Relay</source>
        <translation>TCP 中继</translation>
    </message>
    <message>
        <location filename="../../ui/pages/__init__.py" line="83"/>
        <source>New TCP &amp;Relay</source>
        <translation>新建 TCP 中继(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="174"/>
        <source>&amp;Session</source>
        <translation>会话(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/__init__.py" line="73"/>
        <source>New TCP &amp;Server</source>
        <translation>新建 TCP 服务器(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/__init__.py" line="76"/>
        <source>New TCP &amp;Client</source>
        <translation>新建 TCP 客户端(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="182"/>
        <source>Close &amp;Tab</source>
        <translation>关闭标签页(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="188"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="191"/>
        <source>&amp;Export Settings…</source>
        <translation>导出设置(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="194"/>
        <source>&amp;Import Settings…</source>
        <translation>导入设置(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="202"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="213"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="214"/>
        <source>&amp;About SocketScope</source>
        <translation>关于 SocketScope(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="249"/>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="251"/>
        <source>&lt;b&gt;SocketScope {version}&lt;/b&gt;&lt;br&gt;A network debugging assistant for TCP and UDP: watch traffic as text or hex, send text or hex, never lose a byte.&lt;p&gt;Qt {qt}, PySide6 {pyside}, Python {python}&lt;/p&gt;&lt;p&gt;Settings: {settings}&lt;br&gt;Error log: {log}&lt;/p&gt;</source>
        <translation>&lt;b&gt;SocketScope {version}&lt;/b&gt;&lt;br&gt;TCP 与 UDP 网络调试助手：以文本或十六进制查看流量，以文本或十六进制发送，不丢一个字节。&lt;p&gt;Qt {qt}，PySide6 {pyside}，Python {python}&lt;/p&gt;&lt;p&gt;设置：{settings}&lt;br&gt;错误日志：{log}&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="266"/>
        <location filename="../../ui/main_window.py" line="275"/>
        <source>Export Settings</source>
        <translation>导出设置</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="267"/>
        <location filename="../../ui/main_window.py" line="283"/>
        <source>Settings (*.ini);;All files (*)</source>
        <translation>设置 (*.ini);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="276"/>
        <source>The settings could not be written to {path}: {error}</source>
        <translation>无法将设置写入 {path}：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="282"/>
        <location filename="../../ui/main_window.py" line="287"/>
        <location filename="../../ui/main_window.py" line="294"/>
        <source>Import Settings</source>
        <translation>导入设置</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="288"/>
        <source>Importing closes every page and its connections. Go on?</source>
        <translation>导入会关闭所有页面及其连接。继续吗？</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="316"/>
        <source>{path} holds no SocketScope settings.</source>
        <translation>{path} 中没有 SocketScope 的设置。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="260"/>
        <source>About SocketScope</source>
        <translation>关于 SocketScope</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="361"/>
        <source>Close connections?</source>
        <translation>关闭连接？</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="362"/>
        <source>Open connections: {n}. Closing drops them. Close anyway?</source>
        <translation>有 {n} 个连接处于打开状态，关闭将断开它们。仍要关闭吗？</translation>
    </message>
</context>
<context>
    <name>Multicast</name>
    <message>
        <location filename="../../app/net/multicast.py" line="35"/>
        <source>“{text}” is not an IP address: a multicast group is written as an address such as 239.1.2.3 or ff12::1234.</source>
        <translation>“{text}”不是 IP 地址：组播组应写成地址，例如 239.1.2.3 或 ff12::1234。</translation>
    </message>
    <message>
        <location filename="../../app/net/multicast.py" line="39"/>
        <source>{group} is not a multicast address: IPv4 groups are 224.0.0.0 to 239.255.255.255, IPv6 groups start with ff.</source>
        <translation>{group} 不是组播地址：IPv4 组播组为 224.0.0.0 至 239.255.255.255，IPv6 组播组以 ff 开头。</translation>
    </message>
    <message>
        <location filename="../../app/net/multicast.py" line="62"/>
        <source>An IPv6 group needs an IPv6 socket: bind to :: or an IPv6 address.</source>
        <translation>IPv6 组播组需要 IPv6 套接字：请绑定到 :: 或某个 IPv6 地址。</translation>
    </message>
    <message>
        <location filename="../../app/net/multicast.py" line="132"/>
        <source>the default interface</source>
        <translation>默认网卡</translation>
    </message>
    <message>
        <location filename="../../app/net/multicast.py" line="134"/>
        <source>Cannot join {group} on {where}: that interface does not exist or has no multicast (no route). Choose another interface.</source>
        <translation>无法在 {where} 上加入 {group}：该网卡不存在或不支持组播（无路由）。请选择其他网卡。</translation>
    </message>
    <message>
        <location filename="../../app/net/multicast.py" line="138"/>
        <source>{group} is already joined on {where}.</source>
        <translation>已在 {where} 上加入 {group}。</translation>
    </message>
    <message>
        <location filename="../../app/net/multicast.py" line="140"/>
        <source>Cannot join {group}: no route for multicast on {where}.</source>
        <translation>无法加入 {group}：{where} 上没有组播路由。</translation>
    </message>
    <message>
        <location filename="../../app/net/multicast.py" line="142"/>
        <source>Cannot join or leave {group} on {where}: {reason}</source>
        <translation>无法在 {where} 上加入或退出 {group}：{reason}</translation>
    </message>
</context>
<context>
    <name>NetErrors</name>
    <message>
        <location filename="../../app/net/errors.py" line="38"/>
        <source>Port {port} is already in use by another program (or another session). Choose another port, or stop the program that uses it.</source>
        <translation>端口 {port} 已被其他程序（或其他会话）占用。请换一个端口，或关闭占用该端口的程序。</translation>
    </message>
    <message>
        <location filename="../../app/net/errors.py" line="44"/>
        <source>Permission denied for port {port}: ports below 1024 need administrator rights. Use a port from 1024 to 65535.</source>
        <translation>无权使用端口 {port}：1024 以下的端口需要管理员权限。请使用 1024 到 65535 之间的端口。</translation>
    </message>
    <message>
        <location filename="../../app/net/errors.py" line="48"/>
        <source>Permission denied when listening on {endpoint}.</source>
        <translation>监听 {endpoint} 时权限被拒绝。</translation>
    </message>
    <message>
        <location filename="../../app/net/errors.py" line="64"/>
        <source>This machine does not support that address family (IPv6?).</source>
        <translation>本机不支持该地址族（IPv6？）。</translation>
    </message>
    <message>
        <location filename="../../app/net/errors.py" line="65"/>
        <source>Cannot listen on {endpoint}: {reason}</source>
        <translation>无法监听 {endpoint}：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/net/errors.py" line="84"/>
        <source>Host not found: “{host}”. Check the spelling, or use an IP address.</source>
        <translation>找不到主机“{host}”。请检查拼写，或改用 IP 地址。</translation>
    </message>
    <message>
        <location filename="../../app/net/errors.py" line="88"/>
        <source>Connection refused by {endpoint}: nothing is listening on that port. Is the server running, and is the port right?</source>
        <translation>{endpoint} 拒绝连接：该端口上没有程序在监听。服务器是否已启动？端口是否正确？</translation>
    </message>
    <message>
        <location filename="../../app/net/errors.py" line="93"/>
        <source>No answer from {endpoint} within {timeout:g} s. The host may be off, or a firewall drops the connection.</source>
        <translation>{endpoint} 在 {timeout:g} 秒内无响应。主机可能未开机，或连接被防火墙拦截。</translation>
    </message>
    <message>
        <location filename="../../app/net/errors.py" line="98"/>
        <source>Network unreachable: this machine has no route to {endpoint}.</source>
        <translation>网络不可达：本机没有到 {endpoint} 的路由。</translation>
    </message>
    <message>
        <location filename="../../app/net/errors.py" line="102"/>
        <source>Host unreachable: {endpoint} cannot be reached.</source>
        <translation>主机不可达：无法到达 {endpoint}。</translation>
    </message>
    <message>
        <location filename="../../app/net/errors.py" line="104"/>
        <source>Permission denied when connecting to {endpoint} (firewall?).</source>
        <translation>连接 {endpoint} 时权限被拒绝（防火墙？）。</translation>
    </message>
    <message>
        <location filename="../../app/net/errors.py" line="108"/>
        <source>The local port chosen for connecting to {endpoint} is in use.</source>
        <translation>为连接 {endpoint} 指定的本地端口已被占用。</translation>
    </message>
    <message>
        <location filename="../../app/net/errors.py" line="111"/>
        <source>Cannot connect to {endpoint}: {reason}</source>
        <translation>无法连接 {endpoint}：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/net/errors.py" line="123"/>
        <source>The peer reset the connection.</source>
        <translation>对方重置了连接。</translation>
    </message>
    <message>
        <location filename="../../app/net/errors.py" line="128"/>
        <source>{peer} timed out: no answer to keep-alive probes</source>
        <translation>{peer} 超时：保活探测无应答</translation>
    </message>
    <message>
        <location filename="../../app/net/errors.py" line="149"/>
        <source>Host name “{host}” is not valid: {reason}</source>
        <translation>主机名“{host}”无效：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/net/errors.py" line="159"/>
        <source>it has an empty part between dots.</source>
        <translation>其中两个点之间是空的。</translation>
    </message>
    <message>
        <location filename="../../app/net/errors.py" line="161"/>
        <source>a part between dots is longer than 63 characters.</source>
        <translation>点之间的某一段超过 63 个字符。</translation>
    </message>
    <message>
        <location filename="../../app/net/errors.py" line="163"/>
        <source>it is longer than 253 characters.</source>
        <translation>总长度超过 253 个字符。</translation>
    </message>
    <message>
        <location filename="../../app/net/errors.py" line="121"/>
        <source>The peer closed the connection while data was being sent.</source>
        <translation>发送数据时对方关闭了连接。</translation>
    </message>
    <message>
        <location filename="../../app/net/errors.py" line="50"/>
        <source>The address of {endpoint} does not belong to this machine. Use one of its addresses, or 0.0.0.0 (IPv4) or :: (IPv6 and IPv4) for all of them.</source>
        <translation>{endpoint} 的地址不属于本机。请使用本机的地址之一，或用 0.0.0.0（IPv4）或 ::（IPv6 和 IPv4）表示全部地址。</translation>
    </message>
    <message>
        <location filename="../../app/net/errors.py" line="56"/>
        <source>“{host}” is not a valid local address.</source>
        <translation>“{host}”不是有效的本地地址。</translation>
    </message>
    <message>
        <location filename="../../app/net/errors.py" line="58"/>
        <source>Cannot bind {host}: a link-local address (fe80::…) needs the interface it belongs to after a “%”, e.g. {host}%eth0; or it is not an address of this machine.</source>
        <translation>无法绑定 {host}：链路本地地址（fe80::…）需要在“%”后写明所属接口，例如 {host}%eth0；或者它不是本机的地址。</translation>
    </message>
    <message>
        <location filename="../../app/net/errors.py" line="129"/>
        <source>The connection timed out.</source>
        <translation>连接超时。</translation>
    </message>
    <message>
        <location filename="../../app/net/errors.py" line="130"/>
        <source>Connection error: {reason}</source>
        <translation>连接错误：{reason}</translation>
    </message>
</context>
<context>
    <name>Payload</name>
    <message>
        <location filename="../../app/send/payload.py" line="58"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../app/send/payload.py" line="58"/>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <location filename="../../app/send/payload.py" line="73"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../app/send/payload.py" line="86"/>
        <source>“{field}” must be one of {allowed}, not “{value}”</source>
        <translation>“{field}”必须是 {allowed} 之一，而不是“{value}”</translation>
    </message>
    <message>
        <location filename="../../app/send/payload.py" line="124"/>
        <source>A send entry must be a JSON object</source>
        <translation>发送条目必须是 JSON 对象</translation>
    </message>
    <message>
        <location filename="../../app/send/payload.py" line="126"/>
        <source>The field “text” is missing</source>
        <translation>缺少字段“text”</translation>
    </message>
    <message>
        <location filename="../../app/send/payload.py" line="136"/>
        <source>The field “{field}” must be {kind}</source>
        <translation>字段“{field}”必须是{kind}</translation>
    </message>
    <message>
        <location filename="../../app/send/payload.py" line="138"/>
        <source>true or false</source>
        <translation>布尔值 (true 或 false)</translation>
    </message>
    <message>
        <location filename="../../app/send/payload.py" line="138"/>
        <source>a string</source>
        <translation>字符串</translation>
    </message>
</context>
<context>
    <name>PayloadJob</name>
    <message>
        <location filename="../../app/send/payload_job.py" line="39"/>
        <source>preparing the data to send</source>
        <translation>准备待发送的数据</translation>
    </message>
</context>
<context>
    <name>PcapngExportThread</name>
    <message>
        <location filename="../../app/traffic/pcapng_export.py" line="127"/>
        <source>exporting pcapng</source>
        <translation>导出 pcapng</translation>
    </message>
    <message>
        <location filename="../../app/traffic/pcapng_export.py" line="154"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
</context>
<context>
    <name>PeerListModel</name>
    <message>
        <location filename="../../ui/peer_list_model.py" line="38"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/peer_list_model.py" line="38"/>
        <source>RX datagrams</source>
        <translation>收到数据报</translation>
    </message>
    <message>
        <location filename="../../ui/peer_list_model.py" line="38"/>
        <source>RX bytes</source>
        <translation>接收字节</translation>
    </message>
    <message>
        <location filename="../../ui/peer_list_model.py" line="38"/>
        <source>Last seen</source>
        <translation>最后收到</translation>
    </message>
    <message>
        <location filename="../../ui/peer_list_model.py" line="39"/>
        <source>TX datagrams</source>
        <translation>发送数据报</translation>
    </message>
    <message>
        <location filename="../../ui/peer_list_model.py" line="39"/>
        <source>TX bytes</source>
        <translation>发送字节</translation>
    </message>
</context>
<context>
    <name>PeriodicSender</name>
    <message>
        <location filename="../../app/send/periodic.py" line="52"/>
        <source>sending periodically</source>
        <translation>定时发送</translation>
    </message>
    <message>
        <location filename="../../app/send/periodic.py" line="68"/>
        <source>Periodic send stopped: nobody is connected.</source>
        <translation>定时发送已停止：当前没有连接。</translation>
    </message>
</context>
<context>
    <name>QuickCommandDialog</name>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="42"/>
        <source>Quick command</source>
        <translation>快捷命令</translation>
    </message>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="45"/>
        <source>Command name</source>
        <translation>命令名称</translation>
    </message>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="47"/>
        <source>Command payload</source>
        <translation>命令数据</translation>
    </message>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="50"/>
        <source>Send settings</source>
        <translation>发送设置</translation>
    </message>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="59"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="60"/>
        <source>Payload</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="73"/>
        <source>Give the command a name.</source>
        <translation>请输入命令名称。</translation>
    </message>
</context>
<context>
    <name>QuickCommands</name>
    <message>
        <location filename="../../app/send/quick_commands.py" line="93"/>
        <source>it is not a JSON object</source>
        <translation>不是 JSON 对象</translation>
    </message>
    <message>
        <location filename="../../app/send/quick_commands.py" line="96"/>
        <source>the field “{field}” is missing</source>
        <translation>缺少字段“{field}”</translation>
    </message>
    <message>
        <location filename="../../app/send/quick_commands.py" line="99"/>
        <source>the field “name” must be a non-empty string</source>
        <translation>字段“name”必须是非空字符串</translation>
    </message>
    <message>
        <location filename="../../app/send/quick_commands.py" line="119"/>
        <source>Hex: {payload}</source>
        <translation>十六进制: {payload}</translation>
    </message>
    <message>
        <location filename="../../app/send/quick_commands.py" line="121"/>
        <source>Text ({encoding}, escapes): {payload}</source>
        <translation>文本 ({encoding}, 转义): {payload}</translation>
    </message>
    <message>
        <location filename="../../app/send/quick_commands.py" line="125"/>
        <source>Text ({encoding}): {payload}</source>
        <translation>文本 ({encoding}): {payload}</translation>
    </message>
    <message>
        <location filename="../../app/send/quick_commands.py" line="149"/>
        <source>This is not a quick-command file (no JSON object).</source>
        <translation>这不是快捷命令文件（没有 JSON 对象）。</translation>
    </message>
    <message>
        <location filename="../../app/send/quick_commands.py" line="152"/>
        <source>This is not a quick-command file (the “format” field is not “{format}”).</source>
        <translation>这不是快捷命令文件（“format”字段不是“{format}”）。</translation>
    </message>
    <message>
        <location filename="../../app/send/quick_commands.py" line="160"/>
        <source>Unsupported quick-command file version “{version}” (this app reads version {supported}).</source>
        <translation>不支持的快捷命令文件版本“{version}”（本程序只能读取版本 {supported}）。</translation>
    </message>
    <message>
        <location filename="../../app/send/quick_commands.py" line="167"/>
        <source>The “commands” field is missing or not a list.</source>
        <translation>“commands”字段缺失或不是列表。</translation>
    </message>
    <message>
        <location filename="../../app/send/quick_commands.py" line="175"/>
        <source>Command {number} (“{name}”): {problem}</source>
        <translation>第 {number} 条命令（“{name}”）：{problem}</translation>
    </message>
    <message>
        <location filename="../../app/send/quick_commands.py" line="179"/>
        <source>Command {number}: {problem}</source>
        <translation>第 {number} 条命令：{problem}</translation>
    </message>
    <message>
        <location filename="../../app/send/quick_commands.py" line="204"/>
        <source>Could not write “{path}”: {reason}</source>
        <translation>无法写入“{path}”：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/send/quick_commands.py" line="226"/>
        <source>Could not read “{path}”: {reason}</source>
        <translation>无法读取“{path}”：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/send/quick_commands.py" line="232"/>
        <source>“{path}” is too large for a quick-command file: it is over {limit} MiB, the most SocketScope reads.</source>
        <translation>“{path}” 太大，不能作为快捷命令文件：超过了 SocketScope 最多读取的 {limit} MiB。</translation>
    </message>
    <message>
        <location filename="../../app/send/quick_commands.py" line="242"/>
        <source>“{path}” is not UTF-8 text (bad byte at offset {offset}).</source>
        <translation>“{path}”不是 UTF-8 文本（偏移 {offset} 处有无效字节）。</translation>
    </message>
    <message>
        <location filename="../../app/send/quick_commands.py" line="250"/>
        <source>“{path}” is not valid JSON: {reason} (line {line}, column {column}).</source>
        <translation>“{path}”不是有效的 JSON：{reason}（第 {line} 行，第 {column} 列）。</translation>
    </message>
    <message>
        <location filename="../../app/send/quick_commands.py" line="256"/>
        <source>“{path}” is not a quick-command file: its JSON is nested too deeply.</source>
        <translation>“{path}” 不是快捷命令文件：其 JSON 嵌套层数过深。</translation>
    </message>
    <message>
        <location filename="../../app/send/quick_commands.py" line="263"/>
        <source>“{path}” is not a quick-command file: it holds a number too long to read.</source>
        <translation>“{path}” 不是快捷命令文件：其中有一个数字太长，无法读取。</translation>
    </message>
    <message>
        <location filename="../../app/send/quick_command_loader.py" line="44"/>
        <source>Could not import “{path}”: {reason}</source>
        <translation>无法导入“{path}”：{reason}</translation>
    </message>
</context>
<context>
    <name>QuickCommandsGroup</name>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="95"/>
        <location filename="../../ui/quick_commands_panel.py" line="100"/>
        <source>Quick commands</source>
        <translation>快捷命令</translation>
    </message>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="107"/>
        <source>Double-click or press Enter to send.</source>
        <translation>双击或按 Enter 键发送。</translation>
    </message>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="109"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="109"/>
        <source>Save the send box as a command</source>
        <translation>将发送框的内容保存为命令</translation>
    </message>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="111"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="111"/>
        <source>Edit the selected command</source>
        <translation>编辑选中的命令</translation>
    </message>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="113"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="114"/>
        <source>Remove the selected command</source>
        <translation>删除选中的命令</translation>
    </message>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="115"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="116"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="118"/>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="119"/>
        <source>Import commands from a JSON file</source>
        <translation>从 JSON 文件导入命令</translation>
    </message>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="120"/>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="121"/>
        <source>Export commands to a JSON file</source>
        <translation>将命令导出到 JSON 文件</translation>
    </message>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="154"/>
        <source>Select a command to edit.</source>
        <translation>请先选择要编辑的命令。</translation>
    </message>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="172"/>
        <location filename="../../ui/quick_commands_panel.py" line="176"/>
        <source>Import quick commands</source>
        <translation>导入快捷命令</translation>
    </message>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="173"/>
        <location filename="../../ui/quick_commands_panel.py" line="226"/>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="177"/>
        <source>Replace the current commands? (No adds them to the list.)</source>
        <translation>替换当前的命令吗？（选“否”则追加到列表中。）</translation>
    </message>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="188"/>
        <source>An import is already running.</source>
        <translation>已有一个导入正在进行。</translation>
    </message>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="195"/>
        <source>Reading {path}…</source>
        <translation>正在读取 {path}…</translation>
    </message>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="213"/>
        <source>Imported {n} quick command(s) from {path}.</source>
        <translation>已从 {path} 导入 {n} 条快捷命令。</translation>
    </message>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="225"/>
        <source>Export quick commands</source>
        <translation>导出快捷命令</translation>
    </message>
    <message>
        <location filename="../../ui/quick_commands_panel.py" line="236"/>
        <source>Exported {n} quick command(s) to {path}.</source>
        <translation>已将 {n} 条快捷命令导出到 {path}。</translation>
    </message>
</context>
<context>
    <name>ReceiveSettings</name>
    <message>
        <location filename="../../ui/receive_settings.py" line="47"/>
        <source>Receive</source>
        <translation>接收</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="50"/>
        <source>Receive display mode</source>
        <translation>接收显示模式</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="51"/>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="51"/>
        <source>Hex</source>
        <translation>十六进制</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="52"/>
        <source>Text + hex</source>
        <translation>文本 + 十六进制</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="54"/>
        <source>Receive encoding</source>
        <translation>接收编码</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="55"/>
        <source>Show time</source>
        <translation>显示时间</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="56"/>
        <source>Show time stamps</source>
        <translation>显示时间戳</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="58"/>
        <source>with date</source>
        <translation>含日期</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="59"/>
        <source>Time stamps show the date</source>
        <translation>时间戳显示日期</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="60"/>
        <source>Show sent data</source>
        <translation>显示发送的数据</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="61"/>
        <source>Show sent data in the log</source>
        <translation>在日志中显示发送的数据</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="64"/>
        <source>Off: sent (TX) entries are hidden from the log; they are still counted and recorded.</source>
        <translation>关闭时：日志中隐藏发送 (TX) 条目；它们仍会被计数和录制。</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="67"/>
        <source>Show control characters (\r, \x00)</source>
        <translation>显示控制字符 (\r, \x00)</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="68"/>
        <source>Show control characters visibly</source>
        <translation>以可见形式显示控制字符</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="69"/>
        <source>Hex with ASCII column</source>
        <translation>十六进制带 ASCII 列</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="70"/>
        <source>Hex dump with ASCII column</source>
        <translation>带 ASCII 列的十六进制转储</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="72"/>
        <source>How received data is split into entries</source>
        <translation>接收数据的分条方式</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="73"/>
        <source>Each read</source>
        <translation>每次读取</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="73"/>
        <source>Lines (LF)</source>
        <translation>按行 (LF)</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="74"/>
        <source>Lines (CRLF)</source>
        <translation>按行 (CRLF)</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="74"/>
        <source>Custom delimiter (hex)</source>
        <translation>自定义分隔符 (十六进制)</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="75"/>
        <source>Merge reads within a gap</source>
        <translation>按时间间隔合并</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="77"/>
        <source>Each read: one entry per recv(), which shows how TCP really delivers data.
Lines: one entry per line.
Merge: reads that arrive within the gap form one entry, so a device message split into segments shows as one.</source>
        <translation>每次读取：每次 recv() 一条，可以看出 TCP 实际如何交付数据。
按行：每行一条。
按时间间隔合并：间隔内到达的多次读取合为一条，被分段送达的设备报文因此显示为一条。</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="81"/>
        <source>Custom delimiter in hex</source>
        <translation>自定义分隔符（十六进制）</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="82"/>
        <source>Merge gap in milliseconds</source>
        <translation>合并间隔（毫秒）</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="87"/>
        <source>Memory for the log in megabytes</source>
        <translation>日志占用内存（MB）</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="92"/>
        <source>Older traffic is dropped from memory beyond this; counters and recordings stay complete.</source>
        <translation>超出此值后，较早的数据将从内存中丢弃；计数和录制文件仍保持完整。</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="94"/>
        <source>Show as</source>
        <translation>显示为</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="95"/>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="104"/>
        <source>Entries</source>
        <translation>分条</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="105"/>
        <source>Delimiter</source>
        <translation>分隔符</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="106"/>
        <source>Gap</source>
        <translation>间隔</translation>
    </message>
    <message>
        <location filename="../../ui/receive_settings.py" line="107"/>
        <source>Log memory</source>
        <translation>日志内存</translation>
    </message>
</context>
<context>
    <name>Recorder</name>
    <message>
        <location filename="../../app/traffic/recorder.py" line="348"/>
        <source>Recording to “{path}” stopped: {reason}. {n} bytes of it reached the file.</source>
        <translation>录制到“{path}”已停止：{reason}。其中 {n} 字节已写入文件。</translation>
    </message>
    <message>
        <location filename="../../app/traffic/recorder.py" line="401"/>
        <source>“{path}” is not a SocketScope recording</source>
        <translation>“{path}”不是 SocketScope 录制文件</translation>
    </message>
    <message>
        <location filename="../../app/traffic/recorder.py" line="425"/>
        <source>Recording “{path}” is truncated or corrupt at byte {offset}</source>
        <translation>录制文件“{path}”在第 {offset} 字节处被截断或已损坏</translation>
    </message>
</context>
<context>
    <name>RelayPage</name>
    <message>
        <location filename="../../ui/pages/relay_page.py" line="53"/>
        <source>TCP Relay</source>
        <translation>TCP 中继</translation>
    </message>
    <message>
        <location filename="../../ui/pages/relay_page.py" line="55"/>
        <source>Local address devices connect to</source>
        <translation>设备连接的本地地址</translation>
    </message>
    <message>
        <location filename="../../ui/pages/relay_page.py" line="57"/>
        <source>Target host the relay connects to</source>
        <translation>中继连接的目标主机</translation>
    </message>
    <message>
        <location filename="../../ui/pages/relay_page.py" line="58"/>
        <location filename="../../ui/pages/relay_page.py" line="66"/>
        <source>Target port</source>
        <translation>目标端口</translation>
    </message>
    <message>
        <location filename="../../ui/pages/relay_page.py" line="60"/>
        <source>Which side the send box sends to</source>
        <translation>发送框发往哪一侧</translation>
    </message>
    <message>
        <location filename="../../ui/pages/relay_page.py" line="61"/>
        <source>Target (server side)</source>
        <translation>目标（服务器侧）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/relay_page.py" line="62"/>
        <source>Devices (device side)</source>
        <translation>设备（设备侧）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/relay_page.py" line="63"/>
        <source>Start or stop relaying</source>
        <translation>开始或停止中继</translation>
    </message>
    <message>
        <location filename="../../ui/pages/relay_page.py" line="65"/>
        <source>Target host</source>
        <translation>目标主机</translation>
    </message>
    <message>
        <location filename="../../ui/pages/relay_page.py" line="67"/>
        <source>Send to</source>
        <translation>发送到</translation>
    </message>
    <message>
        <location filename="../../ui/pages/relay_page.py" line="78"/>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <location filename="../../ui/pages/relay_page.py" line="78"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../ui/pages/relay_page.py" line="79"/>
        <source>Relayed pairs</source>
        <translation>中继连接对</translation>
    </message>
    <message>
        <location filename="../../ui/pages/relay_page.py" line="105"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../ui/pages/relay_page.py" line="106"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/pages/relay_page.py" line="107"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../ui/pages/relay_page.py" line="119"/>
        <source>Enter a local address to listen on, e.g. 0.0.0.0.</source>
        <translation>请输入要监听的本地地址，例如 0.0.0.0。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/relay_page.py" line="122"/>
        <source>Enter the target host to connect to (name or IP address).</source>
        <translation>请输入要连接的目标主机（主机名或 IP 地址）。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/relay_page.py" line="133"/>
        <source>Nothing sent: not relaying. Click Start first.</source>
        <translation>未发送：中继未运行。请先点击“开始”。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/relay_page.py" line="136"/>
        <source>Nothing sent: no device is connected through the relay.</source>
        <translation>未发送：没有设备通过中继连接。</translation>
    </message>
</context>
<context>
    <name>RulesDialog</name>
    <message>
        <location filename="../../ui/auto_reply_group.py" line="46"/>
        <source>Automatic reply rules</source>
        <translation>自动回复规则</translation>
    </message>
    <message>
        <location filename="../../ui/auto_reply_group.py" line="50"/>
        <source>One rule per line, first match wins. how: exact, prefix, contains, regex, hex, any; reply (placeholders {text}, {peer}, {n}) or reply_hex; optional checksum, delay_ms, close.</source>
        <translation>每行一条规则，先匹配者生效。how：exact、prefix、contains、regex、hex、any；reply（占位符 {text}、{peer}、{n}）或 reply_hex；可选 checksum、delay_ms、close。</translation>
    </message>
    <message>
        <location filename="../../ui/auto_reply_group.py" line="55"/>
        <source>Rules as JSON</source>
        <translation>JSON 格式的规则</translation>
    </message>
    <message>
        <location filename="../../ui/auto_reply_group.py" line="57"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
</context>
<context>
    <name>Scenario</name>
    <message>
        <location filename="../../app/scenario/file.py" line="58"/>
        <source>Step {step}, key “{key}”: </source>
        <translation>第 {step} 步，键“{key}”：</translation>
    </message>
    <message>
        <location filename="../../app/scenario/file.py" line="60"/>
        <source>Step {step}: </source>
        <translation>第 {step} 步：</translation>
    </message>
    <message>
        <location filename="../../app/scenario/file.py" line="62"/>
        <source>Key “{key}”: </source>
        <translation>键“{key}”：</translation>
    </message>
    <message>
        <location filename="../../app/scenario/file.py" line="115"/>
        <source>Cannot read “{path}”: {reason}.</source>
        <translation>无法读取“{path}”：{reason}。</translation>
    </message>
    <message>
        <location filename="../../app/scenario/file.py" line="120"/>
        <source>“{path}” is not UTF-8 text.</source>
        <translation>“{path}”不是 UTF-8 文本。</translation>
    </message>
    <message>
        <location filename="../../app/scenario/file.py" line="129"/>
        <source>This is not valid TOML: {reason}.</source>
        <translation>这不是有效的 TOML：{reason}。</translation>
    </message>
    <message>
        <location filename="../../app/scenario/file.py" line="133"/>
        <source>Unknown key; a scenario has “encoding” and [[step]] tables.</source>
        <translation>未知的键；场景文件只有“encoding”和 [[step]] 表。</translation>
    </message>
    <message>
        <location filename="../../app/scenario/file.py" line="137"/>
        <source>“{value}” is not a known text encoding (e.g. utf-8, gbk).</source>
        <translation>“{value}”不是已知的文本编码（例如 utf-8、gbk）。</translation>
    </message>
    <message>
        <location filename="../../app/scenario/file.py" line="141"/>
        <source>Write the steps as [[step]] tables.</source>
        <translation>请把步骤写成 [[step]] 表。</translation>
    </message>
    <message>
        <location filename="../../app/scenario/file.py" line="143"/>
        <source>The scenario has no steps: add [[step]] tables.</source>
        <translation>场景中没有步骤：请添加 [[step]] 表。</translation>
    </message>
    <message>
        <location filename="../../app/scenario/file.py" line="160"/>
        <source>Unknown key; a step has one of send, send_hex, expect, expect_hex, expect_regex, wait.</source>
        <translation>未知的键；一个步骤只能有 send、send_hex、expect、expect_hex、expect_regex、wait 之一。</translation>
    </message>
    <message>
        <location filename="../../app/scenario/file.py" line="164"/>
        <source>A step does exactly one thing: give one of send, send_hex, expect, expect_hex, expect_regex, wait (found {found}).</source>
        <translation>一个步骤只做一件事：请给出 send、send_hex、expect、expect_hex、expect_regex、wait 之一（找到的是 {found}）。</translation>
    </message>
    <message>
        <location filename="../../app/scenario/file.py" line="169"/>
        <source>Only a send step can have a checksum.</source>
        <translation>只有发送步骤可以带校验。</translation>
    </message>
    <message>
        <location filename="../../app/scenario/file.py" line="171"/>
        <source>Only an expect step can have a timeout.</source>
        <translation>只有期望步骤可以带超时。</translation>
    </message>
    <message>
        <location filename="../../app/scenario/file.py" line="176"/>
        <source>Write the value as a string in quotes.</source>
        <translation>请把值写成带引号的字符串。</translation>
    </message>
    <message>
        <location filename="../../app/scenario/file.py" line="182"/>
        <source>Unknown checksum; use one of {ids}.</source>
        <translation>未知的校验；请使用 {ids} 之一。</translation>
    </message>
    <message>
        <location filename="../../app/scenario/file.py" line="185"/>
        <source>There is nothing to send.</source>
        <translation>没有要发送的内容。</translation>
    </message>
    <message>
        <location filename="../../app/scenario/file.py" line="192"/>
        <source>Not a valid regular expression: {reason}.</source>
        <translation>不是有效的正则表达式：{reason}。</translation>
    </message>
    <message>
        <location filename="../../app/scenario/file.py" line="198"/>
        <source>There is nothing to expect.</source>
        <translation>没有要期望的内容。</translation>
    </message>
    <message>
        <location filename="../../app/scenario/file.py" line="207"/>
        <source>Give a number of seconds above 0, at most {most:g}.</source>
        <translation>请给出大于 0、不超过 {most:g} 的秒数。</translation>
    </message>
    <message>
        <location filename="../../app/scenario/file.py" line="223"/>
        <source>“{char}” cannot be encoded in {encoding}.</source>
        <translation>“{char}”无法用 {encoding} 编码。</translation>
    </message>
</context>
<context>
    <name>ScenarioPanel</name>
    <message>
        <location filename="../../ui/scenario_panel.py" line="50"/>
        <source>Scenario</source>
        <translation>场景</translation>
    </message>
    <message>
        <location filename="../../ui/scenario_panel.py" line="60"/>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <location filename="../../ui/scenario_panel.py" line="61"/>
        <source>Open a scenario file</source>
        <translation>打开场景文件</translation>
    </message>
    <message>
        <location filename="../../ui/scenario_panel.py" line="63"/>
        <source>A TOML file of steps: send / send_hex, expect / expect_hex / expect_regex, wait.</source>
        <translation>由步骤组成的 TOML 文件：send / send_hex、expect / expect_hex / expect_regex、wait。</translation>
    </message>
    <message>
        <location filename="../../ui/scenario_panel.py" line="64"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location filename="../../ui/scenario_panel.py" line="65"/>
        <source>Run the scenario</source>
        <translation>运行场景</translation>
    </message>
    <message>
        <location filename="../../ui/scenario_panel.py" line="66"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../ui/scenario_panel.py" line="67"/>
        <source>Stop the scenario</source>
        <translation>停止场景</translation>
    </message>
    <message>
        <location filename="../../ui/scenario_panel.py" line="74"/>
        <source>No scenario loaded.</source>
        <translation>未加载场景。</translation>
    </message>
    <message>
        <location filename="../../ui/scenario_panel.py" line="75"/>
        <source>Scenario file</source>
        <translation>场景文件</translation>
    </message>
    <message>
        <location filename="../../ui/scenario_panel.py" line="78"/>
        <source>Scenario steps</source>
        <translation>场景步骤</translation>
    </message>
    <message>
        <location filename="../../ui/scenario_panel.py" line="88"/>
        <source>Open scenario</source>
        <translation>打开场景</translation>
    </message>
    <message>
        <location filename="../../ui/scenario_panel.py" line="89"/>
        <source>Scenario files (*.toml);;All files (*)</source>
        <translation>场景文件 (*.toml);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/scenario_panel.py" line="110"/>
        <source>{name}: {n} steps</source>
        <translation>{name}：{n} 个步骤</translation>
    </message>
    <message>
        <location filename="../../ui/scenario_panel.py" line="114"/>
        <source>Scenario {name} loaded.</source>
        <translation>已加载场景 {name}。</translation>
    </message>
    <message>
        <location filename="../../ui/scenario_panel.py" line="129"/>
        <source>send {count} bytes: {hex}</source>
        <translation>发送 {count} 字节：{hex}</translation>
    </message>
    <message>
        <location filename="../../ui/scenario_panel.py" line="132"/>
        <source>{name} “{value}”, within {seconds:g} s</source>
        <translation>{name} “{value}”，{seconds:g} 秒内</translation>
    </message>
    <message>
        <location filename="../../ui/scenario_panel.py" line="134"/>
        <source>wait {seconds:g} s</source>
        <translation>等待 {seconds:g} 秒</translation>
    </message>
    <message>
        <location filename="../../ui/scenario_panel.py" line="141"/>
        <source>Open a scenario file first.</source>
        <translation>请先打开场景文件。</translation>
    </message>
    <message>
        <location filename="../../ui/scenario_panel.py" line="148"/>
        <source>No connection to run the scenario on: connect first (on a server page, select the client).</source>
        <translation>没有可运行场景的连接：请先连接（在服务器页面上请选择客户端）。</translation>
    </message>
    <message>
        <location filename="../../ui/scenario_panel.py" line="158"/>
        <source>Running scenario {name} on {peer}.</source>
        <translation>正在 {peer} 上运行场景 {name}。</translation>
    </message>
    <message>
        <location filename="../../ui/scenario_panel.py" line="176"/>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <location filename="../../ui/scenario_panel.py" line="178"/>
        <source>Scenario stopped.</source>
        <translation>场景已停止。</translation>
    </message>
    <message>
        <location filename="../../ui/scenario_panel.py" line="195"/>
        <source>pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <location filename="../../ui/scenario_panel.py" line="195"/>
        <source>fail</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../ui/scenario_panel.py" line="198"/>
        <source>matched in: {hex}</source>
        <translation>匹配于：{hex}</translation>
    </message>
    <message>
        <location filename="../../ui/scenario_panel.py" line="202"/>
        <source>received {count} bytes: {hex}</source>
        <translation>收到 {count} 字节：{hex}</translation>
    </message>
    <message>
        <location filename="../../ui/scenario_panel.py" line="226"/>
        <source>Scenario passed: every step.</source>
        <translation>场景通过：所有步骤均通过。</translation>
    </message>
    <message>
        <location filename="../../ui/scenario_panel.py" line="228"/>
        <source>Scenario failed (see the steps).</source>
        <translation>场景失败（见各步骤）。</translation>
    </message>
</context>
<context>
    <name>ScenarioRunner</name>
    <message>
        <location filename="../../app/scenario/runner.py" line="94"/>
        <location filename="../../app/scenario/runner.py" line="104"/>
        <source>the connection is closed</source>
        <translation>连接已关闭</translation>
    </message>
    <message>
        <location filename="../../app/scenario/runner.py" line="143"/>
        <source>not received within {seconds:g} s</source>
        <translation>在 {seconds:g} 秒内未收到</translation>
    </message>
    <message>
        <location filename="../../app/scenario/runner.py" line="174"/>
        <source>the connection was closed by the peer</source>
        <translation>对方关闭了连接</translation>
    </message>
</context>
<context>
    <name>SendEdit</name>
    <message>
        <location filename="../../ui/send_edit.py" line="60"/>
        <source>… {n} characters in all: too large to edit here, sent as they are. Backspace or Delete clears them.</source>
        <translation>…… 共 {n} 个字符：内容太大，无法在此编辑，将按原样发送。按 Backspace 或 Delete 清除。</translation>
    </message>
</context>
<context>
    <name>SendJobs</name>
    <message>
        <location filename="../../app/sessions/send_jobs.py" line="32"/>
        <source>Periodic send stopped: the selected client(s) have left.</source>
        <translation>定时发送已停止：所选客户端已全部断开。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/send_jobs.py" line="34"/>
        <source>File send stopped: the selected client(s) have left.</source>
        <translation>文件发送已停止：所选客户端已全部断开。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/send_jobs.py" line="247"/>
        <source>File {name}: {size} bytes sent in {seconds:.2f} s</source>
        <translation>文件 {name}：{size} 字节，用时 {seconds:.2f} 秒发送完毕</translation>
    </message>
    <message>
        <location filename="../../app/sessions/send_jobs.py" line="251"/>
        <source>File {name}: {handed} of {size} bytes sent in {seconds:.2f} s ({reason})</source>
        <translation>文件 {name}：用时 {seconds:.2f} 秒发送了 {size} 字节中的 {handed} 字节（{reason}）</translation>
    </message>
</context>
<context>
    <name>SendPanel</name>
    <message>
        <location filename="../../ui/send_panel.py" line="94"/>
        <source>Send history</source>
        <translation>发送历史</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="99"/>
        <source>Recent sends. Choose one to put it back in the send box; Up/Down in the send box walk through them too.</source>
        <translation>最近发送的内容。选择一条即可放回发送框；在发送框中按上/下方向键也可逐条切换。</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="101"/>
        <source>Recent sends</source>
        <translation>最近发送</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="105"/>
        <source>Bytes that will be sent</source>
        <translation>将要发送的字节</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="107"/>
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="113"/>
        <source>Data to send</source>
        <translation>待发送数据</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="115"/>
        <source>Type what to send. Hex mode: 01 02 0A FF. Ctrl+Enter sends.</source>
        <translation>输入要发送的内容。十六进制模式：01 02 0A FF。按 Ctrl+Enter 发送。</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="121"/>
        <location filename="../../ui/send_panel.py" line="341"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="122"/>
        <source>Send now (Ctrl+Enter)</source>
        <translation>立即发送 (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="126"/>
        <location filename="../../ui/send_panel.py" line="415"/>
        <source>Send file…</source>
        <translation>发送文件…</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="127"/>
        <source>Send a file&apos;s bytes</source>
        <translation>发送文件的原始字节</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="135"/>
        <source>Repeat every</source>
        <translation>定时发送，间隔</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="136"/>
        <source>Periodic send</source>
        <translation>定时发送</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="139"/>
        <source>Period in milliseconds</source>
        <translation>发送间隔（毫秒）</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="144"/>
        <source>How many sends, 0 until stopped</source>
        <translation>发送次数，0 表示不限次数（直到停止）</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="146"/>
        <source>until stopped</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="147"/>
        <source>Periodic sends made</source>
        <translation>已定时发送的次数</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="149"/>
        <source>File send progress</source>
        <translation>文件发送进度</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="152"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="153"/>
        <source>Cancel the file send</source>
        <translation>取消文件发送</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="158"/>
        <source>times</source>
        <translation>次数</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="202"/>
        <source>Nothing to send: the send box is empty.</source>
        <translation>没有可发送的内容：发送框为空。</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="239"/>
        <source>Not sent to {n} connection(s): {queued} bytes are still waiting to be sent there (the peer is not reading). Try again when they have gone.</source>
        <translation>未发送到 {n} 个连接：仍有 {queued} 字节在等待发送（对方没有读取）。请等这些数据发出后再试。</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="254"/>
        <source>Building {n} characters to send…</source>
        <translation>正在生成要发送的 {n} 个字符……</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="296"/>
        <source>Sent quick command “{name}”.</source>
        <translation>已发送快捷命令“{name}”。</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="322"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="337"/>
        <source>Stopped: discarded {n} bytes not yet sent.</source>
        <translation>已停止：丢弃了 {n} 字节尚未发送的数据。</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="351"/>
        <source>{n} queued ({bytes} B not yet written)</source>
        <translation>已排队 {n} 次（{bytes} 字节尚未写出）</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="354"/>
        <source>{n} sent</source>
        <translation>已发送 {n} 次</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="364"/>
        <source>Periodic send finished: {n} sent.</source>
        <translation>定时发送完成：共发送 {n} 次。</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="378"/>
        <source>Send a file</source>
        <translation>发送文件</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="390"/>
        <source>Cannot read {path}: not a file.</source>
        <translation>无法读取 {path}：不是文件。</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="399"/>
        <source>Cancel file</source>
        <translation>取消发送</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="400"/>
        <source>Sending {path}…</source>
        <translation>正在发送 {path}…</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="419"/>
        <source>File sent: {size} queued to the connection(s).</source>
        <translation>文件已发送：{size} 已加入发送队列。</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="426"/>
        <source>Sent. This entry ({n} characters) stays in the history until the app is closed: only entries up to {limit} characters are saved.</source>
        <translation>已发送。此条目（{n} 个字符）只在本次运行期间保留在历史中：只保存不超过 {limit} 个字符的条目。</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="438"/>
        <source>HEX</source>
        <translation>HEX</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="517"/>
        <source>Building the preview of {n} characters…</source>
        <translation>正在生成 {n} 个字符的预览……</translation>
    </message>
    <message>
        <location filename="../../ui/send_panel.py" line="545"/>
        <source>{n} bytes: {hex}</source>
        <translation>{n} 字节：{hex}</translation>
    </message>
</context>
<context>
    <name>SendSettings</name>
    <message>
        <location filename="../../ui/send_settings.py" line="126"/>
        <source>Send</source>
        <translation>发送</translation>
    </message>
</context>
<context>
    <name>SendSettingsForm</name>
    <message>
        <location filename="../../ui/send_settings.py" line="54"/>
        <source>Send mode</source>
        <translation>发送模式</translation>
    </message>
    <message>
        <location filename="../../ui/send_settings.py" line="56"/>
        <source>Send encoding</source>
        <translation>发送编码</translation>
    </message>
    <message>
        <location filename="../../ui/send_settings.py" line="58"/>
        <source>Escapes (\r \n \t \xNN)</source>
        <translation>转义 (\r \n \t \xNN)</translation>
    </message>
    <message>
        <location filename="../../ui/send_settings.py" line="59"/>
        <source>Interpret escapes</source>
        <translation>解析转义字符</translation>
    </message>
    <message>
        <location filename="../../ui/send_settings.py" line="60"/>
        <source>Line ending</source>
        <translation>行尾</translation>
    </message>
    <message>
        <location filename="../../ui/send_settings.py" line="63"/>
        <location filename="../../ui/send_settings.py" line="68"/>
        <source>Checksum</source>
        <translation>校验</translation>
    </message>
    <message>
        <location filename="../../ui/send_settings.py" line="65"/>
        <source>Send as</source>
        <translation>发送为</translation>
    </message>
    <message>
        <location filename="../../ui/send_settings.py" line="66"/>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../ui/send_settings.py" line="69"/>
        <source>Append</source>
        <translation>追加</translation>
    </message>
</context>
<context>
    <name>ServerPage</name>
    <message>
        <location filename="../../ui/pages/server_page.py" line="61"/>
        <source>TCP Server</source>
        <translation>TCP 服务器</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="63"/>
        <source>Local address to listen on</source>
        <translation>要监听的本地地址</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="65"/>
        <source>0.0.0.0 accepts connections on every IPv4 address of this machine; :: on every address, IPv6 and IPv4.</source>
        <translation>0.0.0.0 接受本机所有 IPv4 地址上的连接；:: 接受所有地址（IPv6 和 IPv4）上的连接。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="71"/>
        <source>Listen or stop</source>
        <translation>监听或停止</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="74"/>
        <source>Addresses clients can connect to</source>
        <translation>客户端可连接的地址</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="86"/>
        <source>Welcome</source>
        <translation>欢迎语</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="87"/>
        <source>Send a welcome message to each client</source>
        <translation>向每个客户端发送欢迎语</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="88"/>
        <source>Welcome message</source>
        <translation>欢迎语内容</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="89"/>
        <source>e.g. Welcome {peer}!\r\n</source>
        <translation>例如 Welcome {peer}!\r\n</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="91"/>
        <source>Sent to each client as it connects. Escapes \r \n \t \\ \xNN, UTF-8; {peer} is the client&apos;s address. With Hex, hex bytes.</source>
        <translation>客户端连上时发送。支持转义 \r \n \t \\ \xNN，UTF-8；{peer} 为客户端地址。勾选 Hex 时为十六进制字节。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="93"/>
        <source>Hex</source>
        <translation>Hex</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="94"/>
        <source>Welcome message is hex bytes</source>
        <translation>欢迎语为十六进制字节</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="99"/>
        <source>Most clients at once (0 = no limit)</source>
        <translation>同时最多客户端数（0 = 不限）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="101"/>
        <source>no limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="103"/>
        <source>Allowed client addresses</source>
        <translation>允许的客户端地址</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="104"/>
        <source>everyone, or e.g. 192.168.1.0/24, ::1</source>
        <translation>所有人，或例如 192.168.1.0/24, ::1</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="106"/>
        <source>IP addresses and networks (CIDR), IPv4 and IPv6, separated by commas or spaces. Clients from elsewhere are refused. Empty: everyone.</source>
        <translation>IP 地址和网段（CIDR），IPv4 和 IPv6，用逗号或空格分隔。来自其他地址的客户端将被拒绝。留空：所有人。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="109"/>
        <source>Max clients</source>
        <translation>最大客户端数</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="110"/>
        <source>Allow</source>
        <translation>允许</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="123"/>
        <source>Welcome message: {error}</source>
        <translation>欢迎语：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="142"/>
        <source>Connected clients</source>
        <translation>已连接的客户端</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="157"/>
        <source>Send goes to</source>
        <translation>发送目标</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="160"/>
        <source>Disconnect</source>
        <translation>断开</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="162"/>
        <source>Disconnect selected clients</source>
        <translation>断开选中的客户端</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="164"/>
        <source>Select none</source>
        <translation>取消选择</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="166"/>
        <source>Clear selection: send to all</source>
        <translation>取消选择：发送给全部客户端</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="168"/>
        <source>Disconnect all</source>
        <translation>全部断开</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="170"/>
        <source>Disconnect every client</source>
        <translation>断开所有客户端</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="176"/>
        <source>Log: selected only</source>
        <translation>日志仅显示所选</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="177"/>
        <source>Show only the selected clients&apos; traffic in the log</source>
        <translation>日志中只显示选中客户端的收发数据</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="180"/>
        <source>Clients</source>
        <translation>客户端</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="198"/>
        <source>Listen</source>
        <translation>监听</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="199"/>
        <location filename="../../ui/pages/server_page.py" line="200"/>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="209"/>
        <source>Enter a local address to listen on, e.g. 0.0.0.0.</source>
        <translation>请输入要监听的本地地址，例如 0.0.0.0。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="214"/>
        <source>Not listening. Allow-list: {error}</source>
        <translation>未监听。允许列表：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="219"/>
        <source>Not listening. Welcome message: {error}</source>
        <translation>未监听。欢迎语：{error}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="247"/>
        <source>Clients connect to: {list}</source>
        <translation>客户端可连接到: {list}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="304"/>
        <source>→ nobody (selected client left)</source>
        <translation>→ 无人（所选客户端已断开）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="305"/>
        <source>→ nobody (selected clients left)</source>
        <translation>→ 无人（所选客户端均已断开）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="309"/>
        <source>→ {peer}</source>
        <translation>→ {peer}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="310"/>
        <source>→ all clients: {peer}</source>
        <translation>→ 全部客户端：{peer}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="312"/>
        <source>→ {n} selected clients</source>
        <translation>→ 所选的 {n} 个客户端</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="314"/>
        <source>→ nobody (no client connected)</source>
        <translation>→ 无人（没有客户端连接）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="315"/>
        <source>→ all {n} clients</source>
        <translation>→ 全部 {n} 个客户端</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="344"/>
        <source>Nothing sent: the server is not listening. Click Listen first.</source>
        <translation>未发送：服务器未在监听。请先点击“监听”。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="348"/>
        <source>Nothing sent: the selected client(s) left. Select another client, or Select none to send to all.</source>
        <translation>未发送：所选客户端已断开。请选择其他客户端，或点击“取消选择”以发送给所有客户端。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/server_page.py" line="350"/>
        <source>Nothing sent: no client is connected yet.</source>
        <translation>未发送：还没有客户端连接。</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../app/sessions/base.py" line="236"/>
        <source>connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <location filename="../../app/sessions/base.py" line="246"/>
        <source>finished sending (half-close); you can still send</source>
        <translation>已结束发送（半关闭）；你仍可发送</translation>
    </message>
    <message>
        <location filename="../../app/sessions/base.py" line="266"/>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../../app/sessions/base.py" line="393"/>
        <source>→ {n} clients</source>
        <translation>→ {n} 个客户端</translation>
    </message>
</context>
<context>
    <name>SessionConfig</name>
    <message>
        <location filename="../../app/sessions/config.py" line="152"/>
        <location filename="../../app/sessions/config.py" line="154"/>
        <source>a whole number of seconds from 1 to 32767</source>
        <translation>1 到 32767 之间的整数秒</translation>
    </message>
    <message>
        <location filename="../../app/sessions/config.py" line="156"/>
        <source>a number of probes from 1 to 127</source>
        <translation>1 到 127 之间的探测次数</translation>
    </message>
    <message>
        <location filename="../../app/sessions/config.py" line="168"/>
        <source>{field} cannot be {value!r}: it must be {rule}.</source>
        <translation>{field} 不能是 {value!r}：它必须是{rule}。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/config.py" line="205"/>
        <location filename="../../app/sessions/config.py" line="233"/>
        <location filename="../../app/sessions/config.py" line="284"/>
        <location filename="../../app/sessions/config.py" line="286"/>
        <location filename="../../app/sessions/config.py" line="304"/>
        <location filename="../../app/sessions/config.py" line="306"/>
        <source>a host name or address</source>
        <translation>主机名或地址</translation>
    </message>
    <message>
        <location filename="../../app/sessions/config.py" line="207"/>
        <location filename="../../app/sessions/config.py" line="237"/>
        <location filename="../../app/sessions/config.py" line="285"/>
        <location filename="../../app/sessions/config.py" line="305"/>
        <source>a port number from 0 to 65535</source>
        <translation>0 到 65535 之间的端口号</translation>
    </message>
    <message>
        <location filename="../../app/sessions/config.py" line="214"/>
        <source>text of at most 65536 characters</source>
        <translation>最多 65536 个字符的文本</translation>
    </message>
    <message>
        <location filename="../../app/sessions/config.py" line="218"/>
        <source>a number from 0 to 100000</source>
        <extracomment>Most clients at once (0 = no limit) and who may connect (&quot;&quot; = everyone).</extracomment>
        <translation>0 到 100000 之间的数</translation>
    </message>
    <message>
        <location filename="../../app/sessions/config.py" line="219"/>
        <source>IP addresses and networks (CIDR) separated by commas or spaces</source>
        <translation>用逗号或空格分隔的 IP 地址和网段（CIDR）</translation>
    </message>
    <message>
        <location filename="../../app/sessions/config.py" line="234"/>
        <location filename="../../app/sessions/config.py" line="287"/>
        <location filename="../../app/sessions/config.py" line="308"/>
        <source>a port number from 1 to 65535</source>
        <translation>1 到 65535 之间的端口号</translation>
    </message>
    <message>
        <location filename="../../app/sessions/config.py" line="235"/>
        <location filename="../../app/sessions/config.py" line="309"/>
        <source>a number of seconds above 0, at most 3600</source>
        <translation>大于 0、最多 3600 的秒数</translation>
    </message>
    <message>
        <location filename="../../app/sessions/config.py" line="290"/>
        <location filename="../../app/sessions/config.py" line="291"/>
        <source>an address or nothing</source>
        <translation>一个地址或留空</translation>
    </message>
    <message>
        <location filename="../../app/sessions/config.py" line="292"/>
        <source>a number from 0 to 255</source>
        <translation>0 到 255 之间的数</translation>
    </message>
    <message>
        <location filename="../../app/sessions/config.py" line="295"/>
        <source>a number of bytes from 1 to 65527</source>
        <translation>1 到 65527 之间的字节数</translation>
    </message>
    <message>
        <location filename="../../app/sessions/config.py" line="150"/>
        <location filename="../../app/sessions/config.py" line="213"/>
        <location filename="../../app/sessions/config.py" line="216"/>
        <location filename="../../app/sessions/config.py" line="239"/>
        <location filename="../../app/sessions/config.py" line="245"/>
        <location filename="../../app/sessions/config.py" line="247"/>
        <location filename="../../app/sessions/config.py" line="288"/>
        <location filename="../../app/sessions/config.py" line="289"/>
        <location filename="../../app/sessions/config.py" line="293"/>
        <source>true or false</source>
        <extracomment>Send ``welcome`` to each client as it connects (escapes decoded, or hex, ``{peer}``).
----------
Connect again after the connection drops, with back-off, until the user disconnects.
----------
Close with a reset (SO_LINGER 0: RST instead of FIN), to test how a device takes it.</extracomment>
        <translation>true 或 false</translation>
    </message>
</context>
<context>
    <name>SessionPage</name>
    <message>
        <location filename="../../ui/pages/session_page.py" line="96"/>
        <location filename="../../ui/pages/session_page.py" line="262"/>
        <source>Closed.</source>
        <translation>已关闭。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/session_page.py" line="187"/>
        <source>Session status</source>
        <translation>会话状态</translation>
    </message>
    <message>
        <location filename="../../ui/pages/session_page.py" line="190"/>
        <source>Received bytes</source>
        <translation>接收字节数</translation>
    </message>
    <message>
        <location filename="../../ui/pages/session_page.py" line="191"/>
        <source>Sent bytes</source>
        <translation>发送字节数</translation>
    </message>
    <message>
        <location filename="../../ui/pages/session_page.py" line="192"/>
        <source>Reset</source>
        <translation>清零</translation>
    </message>
    <message>
        <location filename="../../ui/pages/session_page.py" line="193"/>
        <source>Reset counters</source>
        <translation>计数清零</translation>
    </message>
    <message>
        <location filename="../../ui/pages/session_page.py" line="195"/>
        <source>Bytes per second</source>
        <translation>每秒字节数</translation>
    </message>
    <message>
        <location filename="../../ui/pages/session_page.py" line="197"/>
        <source>Bytes per second over the last minute</source>
        <translation>最近一分钟的每秒字节数</translation>
    </message>
    <message>
        <location filename="../../ui/pages/session_page.py" line="198"/>
        <source>Received (↓, green) and sent (↑, blue) bytes per second; the chart shows the last minute.</source>
        <translation>每秒接收（↓，绿色）和发送（↑，蓝色）的字节数；图表显示最近一分钟。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/session_page.py" line="329"/>
        <source>RX: {bytes} B ({reads} reads)</source>
        <translation>接收: {bytes} 字节 ({reads} 次读取)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/session_page.py" line="331"/>
        <source>TX: {bytes} B ({writes} writes)</source>
        <translation>发送: {bytes} 字节 ({writes} 次写入)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/session_page.py" line="340"/>
        <source>({n} B queued)</source>
        <translation>（{n} 字节排队中）</translation>
    </message>
</context>
<context>
    <name>SessionSpec</name>
    <message>
        <location filename="../../app/sessions/kinds.py" line="62"/>
        <source>Unknown session kind “{name}”; known kinds: {known}.</source>
        <translation>未知的会话类型“{name}”；已知类型：{known}。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/kinds.py" line="75"/>
        <source>“{spec}” is not a session spec: write KIND@[HOST:]PORT, e.g. tcp-server@0.0.0.0:8080.</source>
        <translation>“{spec}”不是会话描述：请写成 KIND@[HOST:]PORT，例如 tcp-server@0.0.0.0:8080。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/kinds.py" line="82"/>
        <source>Bad port “{port}” in “{spec}”: a port is a whole number from 0 to 65535.</source>
        <translation>“{spec}”中的端口“{port}”无效：端口是 0 到 65535 之间的整数。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/kinds.py" line="91"/>
        <source>Bad value in “{spec}”: {problem}</source>
        <translation>“{spec}”中的值无效：{problem}</translation>
    </message>
    <message>
        <location filename="../../app/sessions/kinds.py" line="101"/>
        <location filename="../../app/sessions/kinds.py" line="107"/>
        <source>Bad endpoint in “{spec}”: write an IPv6 address in brackets followed by the port, e.g. [::1]:9000.</source>
        <translation>“{spec}”中的地址无效：IPv6 地址请写在方括号中，后跟端口，例如 [::1]:9000。</translation>
    </message>
</context>
<context>
    <name>StreamDecoder</name>
    <message>
        <location filename="../../app/traffic/stream_decoder.py" line="92"/>
        <source>Auto (UTF-8, else GBK)</source>
        <translation>自动 (优先 UTF-8，否则 GBK)</translation>
    </message>
    <message>
        <location filename="../../app/traffic/stream_decoder.py" line="93"/>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <location filename="../../app/traffic/stream_decoder.py" line="94"/>
        <source>GBK</source>
        <translation>GBK</translation>
    </message>
    <message>
        <location filename="../../app/traffic/stream_decoder.py" line="95"/>
        <source>GB18030</source>
        <translation>GB18030</translation>
    </message>
    <message>
        <location filename="../../app/traffic/stream_decoder.py" line="96"/>
        <source>Big5</source>
        <translation>Big5</translation>
    </message>
    <message>
        <location filename="../../app/traffic/stream_decoder.py" line="97"/>
        <source>Shift_JIS</source>
        <translation>Shift_JIS</translation>
    </message>
    <message>
        <location filename="../../app/traffic/stream_decoder.py" line="98"/>
        <source>Latin-1 (ISO-8859-1)</source>
        <translation>Latin-1 (ISO-8859-1)</translation>
    </message>
    <message>
        <location filename="../../app/traffic/stream_decoder.py" line="99"/>
        <source>ASCII</source>
        <translation>ASCII</translation>
    </message>
    <message>
        <location filename="../../app/traffic/stream_decoder.py" line="100"/>
        <source>UTF-16 LE</source>
        <translation>UTF-16 LE</translation>
    </message>
    <message>
        <location filename="../../app/traffic/stream_decoder.py" line="101"/>
        <source>UTF-16 BE</source>
        <translation>UTF-16 BE</translation>
    </message>
</context>
<context>
    <name>TcpClientSession</name>
    <message>
        <location filename="../../app/sessions/tcp_client.py" line="58"/>
        <source>Connecting to {endpoint}…</source>
        <translation>正在连接 {endpoint}…</translation>
    </message>
    <message>
        <location filename="../../app/sessions/tcp_client.py" line="98"/>
        <source>Connected to {remote} from {local}</source>
        <translation>已从 {local} 连接到 {remote}</translation>
    </message>
    <message>
        <location filename="../../app/sessions/tcp_client.py" line="101"/>
        <source>reconnected after {n} attempt(s)</source>
        <translation>经 {n} 次尝试后已重连</translation>
    </message>
    <message>
        <location filename="../../app/sessions/tcp_client.py" line="110"/>
        <source>connect failed: {reason}</source>
        <translation>连接失败：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/sessions/tcp_client.py" line="126"/>
        <source>{peer} finished sending (half-close); you can still send.</source>
        <translation>{peer} 已结束发送（半关闭）；你仍可发送。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/tcp_client.py" line="129"/>
        <location filename="../../app/sessions/tcp_client.py" line="162"/>
        <source>Disconnected from {peer}.</source>
        <translation>已与 {peer} 断开连接。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/tcp_client.py" line="140"/>
        <source>{reason} Reconnecting in {seconds} s (attempt {n})…</source>
        <translation>{reason} {seconds} 秒后重连（第 {n} 次）…</translation>
    </message>
    <message>
        <location filename="../../app/sessions/tcp_client.py" line="149"/>
        <source>Reconnecting to {endpoint} (attempt {n})…</source>
        <translation>正在重连 {endpoint}（第 {n} 次）…</translation>
    </message>
    <message>
        <location filename="../../app/sessions/tcp_client.py" line="163"/>
        <source>closed by you</source>
        <translation>已由你关闭</translation>
    </message>
    <message>
        <location filename="../../app/sessions/tcp_client.py" line="168"/>
        <source>Reconnecting to {endpoint} cancelled.</source>
        <translation>已取消重连 {endpoint}。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/tcp_client.py" line="171"/>
        <source>Connection attempt to {endpoint} cancelled.</source>
        <translation>已取消连接 {endpoint}。</translation>
    </message>
</context>
<context>
    <name>TcpConnection</name>
    <message>
        <location filename="../../app/net/tcp_connection.py" line="135"/>
        <source>receiving from {peer}</source>
        <translation>从 {peer} 接收数据</translation>
    </message>
    <message>
        <location filename="../../app/net/tcp_connection.py" line="249"/>
        <source>{peer} had finished sending and nothing was sent to it for {s} s: closed.</source>
        <translation>{peer} 已结束发送，且 {s} 秒内没有向它发送任何数据：已关闭。</translation>
    </message>
    <message>
        <location filename="../../app/net/tcp_connection.py" line="253"/>
        <source>closed: it had finished sending, nothing sent for {s} s</source>
        <translation>已关闭：对方已结束发送，{s} 秒内未向其发送数据</translation>
    </message>
    <message>
        <location filename="../../app/net/tcp_connection.py" line="266"/>
        <location filename="../../app/sessions/tcp_client.py" line="122"/>
        <source>closed by the peer</source>
        <translation>已被对方关闭</translation>
    </message>
    <message>
        <location filename="../../app/net/tcp_connection.py" line="276"/>
        <source>sending to {peer}</source>
        <translation>向 {peer} 发送数据</translation>
    </message>
    <message>
        <location filename="../../app/net/tcp_connection.py" line="470"/>
        <location filename="../../app/net/tcp_connection.py" line="607"/>
        <source>closed: {reason}</source>
        <translation>已关闭：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/net/tcp_connection.py" line="610"/>
        <source>{peer} closed the connection.</source>
        <translation>{peer} 关闭了连接。</translation>
    </message>
    <message>
        <location filename="../../app/net/tcp_connection.py" line="613"/>
        <source>{peer}: closed by an automatic reply rule.</source>
        <translation>{peer}：已按自动回复规则关闭。</translation>
    </message>
</context>
<context>
    <name>TcpRelaySession</name>
    <message>
        <location filename="../../app/sessions/tcp_relay.py" line="131"/>
        <source>device {peer}</source>
        <translation>设备 {peer}</translation>
    </message>
    <message>
        <location filename="../../app/sessions/tcp_relay.py" line="149"/>
        <source>server {peer}</source>
        <translation>服务器 {peer}</translation>
    </message>
    <message>
        <location filename="../../app/sessions/tcp_relay.py" line="171"/>
        <source>closed: connecting to the target {target} failed: {reason}</source>
        <translation>已关闭：连接目标 {target} 失败：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/sessions/tcp_relay.py" line="174"/>
        <source>{peer} closed: connecting to {target} failed: {reason}</source>
        <translation>{peer} 已关闭：连接 {target} 失败：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/sessions/tcp_relay.py" line="199"/>
        <source>{peer}: both sides finished.</source>
        <translation>{peer}：两侧都已结束发送。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/tcp_relay.py" line="200"/>
        <source>closed: both sides finished</source>
        <translation>已关闭：两侧都已结束发送</translation>
    </message>
    <message>
        <location filename="../../app/sessions/tcp_relay.py" line="217"/>
        <source>{peer}: the other side ended.</source>
        <translation>{peer}：另一侧已结束。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/tcp_relay.py" line="218"/>
        <source>closed: the other side ended</source>
        <translation>已关闭：另一侧已结束</translation>
    </message>
    <message>
        <location filename="../../app/sessions/tcp_relay.py" line="226"/>
        <source>Relaying {endpoint} → {target} — {count} pair(s)</source>
        <translation>正在中继 {endpoint} → {target} — {count} 对连接</translation>
    </message>
    <message>
        <location filename="../../app/sessions/tcp_relay.py" line="243"/>
        <source>closed (the relay stopped)</source>
        <translation>已关闭（中继已停止）</translation>
    </message>
</context>
<context>
    <name>TcpServerSession</name>
    <message>
        <location filename="../../app/sessions/tcp_server.py" line="58"/>
        <source>Not listening. {error}</source>
        <translation>未监听。{error}</translation>
    </message>
    <message>
        <location filename="../../app/sessions/tcp_server.py" line="96"/>
        <source>Welcome message: {error}</source>
        <translation>欢迎语：{error}</translation>
    </message>
    <message>
        <location filename="../../app/sessions/tcp_server.py" line="100"/>
        <source>Allow-list: {error}</source>
        <translation>允许列表：{error}</translation>
    </message>
    <message>
        <location filename="../../app/sessions/tcp_server.py" line="104"/>
        <source>Refused {peer}: {reason}.</source>
        <translation>已拒绝 {peer}：{reason}。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/tcp_server.py" line="110"/>
        <source>{peer} finished sending (half-close); you can still send.</source>
        <translation>{peer} 已结束发送（半关闭）；你仍可发送。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/tcp_server.py" line="119"/>
        <source>Listening on {endpoint} — {count} client(s) connected</source>
        <translation>正在监听 {endpoint} — 已连接 {count} 个客户端</translation>
    </message>
    <message>
        <location filename="../../app/sessions/tcp_server.py" line="130"/>
        <source>{peer} was disconnected by you.</source>
        <translation>已主动断开 {peer}。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/tcp_server.py" line="131"/>
        <source>closed by you</source>
        <translation>已由你关闭</translation>
    </message>
    <message>
        <location filename="../../app/sessions/tcp_server.py" line="139"/>
        <source>closed (the server stopped)</source>
        <translation>已关闭（服务器已停止）</translation>
    </message>
</context>
<context>
    <name>TextEscapes</name>
    <message>
        <location filename="../../app/send/escapes.py" line="43"/>
        <source>Unknown text encoding “{encoding}”</source>
        <translation>未知的文本编码“{encoding}”</translation>
    </message>
    <message>
        <location filename="../../app/send/escapes.py" line="66"/>
        <source>Lone backslash at the end (position {pos}): write \\ for a backslash</source>
        <translation>末尾有单独的反斜杠（位置 {pos}）：反斜杠本身请写作 \\</translation>
    </message>
    <message>
        <location filename="../../app/send/escapes.py" line="83"/>
        <source>“{escape}” at position {pos} needs exactly two hex digits, for example \x0A</source>
        <translation>位置 {pos} 处的“{escape}”需要恰好两位十六进制数字，例如 \x0A</translation>
    </message>
    <message>
        <location filename="../../app/send/escapes.py" line="94"/>
        <source>Unknown escape “\{char}” at position {pos}: use \r \n \t \\ \0 or \xNN (write \\ for a backslash)</source>
        <translation>位置 {pos} 处有未知的转义“\{char}”：请使用 \r \n \t \\ \0 或 \xNN（反斜杠本身请写作 \\）</translation>
    </message>
    <message>
        <location filename="../../app/send/escapes.py" line="131"/>
        <source>Character “{char}” at position {pos} cannot be encoded in {encoding}</source>
        <translation>位置 {pos} 处的字符“{char}”无法用 {encoding} 编码</translation>
    </message>
    <message>
        <location filename="../../app/send/escapes.py" line="141"/>
        <source>The text cannot be encoded in {encoding}: {reason}</source>
        <translation>文本无法用 {encoding} 编码：{reason}</translation>
    </message>
</context>
<context>
    <name>UdpErrors</name>
    <message>
        <location filename="../../app/net/udp_errors.py" line="28"/>
        <source>Nothing listens on {endpoint}: it answered “port unreachable”. The session goes on receiving.</source>
        <translation>{endpoint} 上没有程序在监听：对方回复“端口不可达”。会话继续接收。</translation>
    </message>
    <message>
        <location filename="../../app/net/udp_errors.py" line="34"/>
        <source>Not sent: {size} bytes do not fit in one UDP datagram (at most {limit} bytes here). Send less, or send a file in smaller datagrams.</source>
        <translation>未发送：{size} 字节装不进一个 UDP 数据报（此处最多 {limit} 字节）。请少发一些，或以较小的数据报发送文件。</translation>
    </message>
    <message>
        <location filename="../../app/net/udp_errors.py" line="44"/>
        <source>Not sent: “{host}” has no address of this socket&apos;s family (IPv4 vs IPv6). Bind to :: for both, or use the other kind of address.</source>
        <translation>未发送：“{host}”没有与此套接字同类（IPv4 / IPv6）的地址。绑定到 :: 可两者兼用，或改用另一类地址。</translation>
    </message>
    <message>
        <location filename="../../app/net/udp_errors.py" line="47"/>
        <source>Host not found: “{host}”. Check the spelling, or use an IP address.</source>
        <translation>找不到主机：“{host}”。请检查拼写，或使用 IP 地址。</translation>
    </message>
    <message>
        <location filename="../../app/net/udp_errors.py" line="50"/>
        <source>Permission denied sending to {endpoint}: a broadcast address needs broadcast allowed (“Allow broadcast” in the window, --broadcast on the command line), or a firewall blocks it.</source>
        <translation>发送到 {endpoint} 被拒绝（权限不足）：广播地址需要允许广播（窗口中勾选“允许广播”，命令行用 --broadcast），也可能是防火墙阻止。</translation>
    </message>
    <message>
        <location filename="../../app/net/udp_errors.py" line="57"/>
        <source>Not sent to {endpoint}: the datagram is too big for the network path.</source>
        <translation>未发送到 {endpoint}：数据报对网络路径来说太大。</translation>
    </message>
    <message>
        <location filename="../../app/net/udp_errors.py" line="61"/>
        <source>No route for multicast to {endpoint}: the interface this socket sends through has no multicast (Linux&apos;s loopback has none for IPv6). Bind to :: or 0.0.0.0 and choose an interface with multicast.</source>
        <translation>没有到 {endpoint} 的组播路由：此套接字发送所经的网络接口不支持组播（Linux 的回环接口不支持 IPv6 组播）。请绑定到 :: 或 0.0.0.0，并选择一个支持组播的接口。</translation>
    </message>
    <message>
        <location filename="../../app/net/udp_errors.py" line="65"/>
        <source>Network unreachable: this machine has no route to {endpoint}.</source>
        <translation>网络不可达：本机没有到 {endpoint} 的路由。</translation>
    </message>
    <message>
        <location filename="../../app/net/udp_errors.py" line="68"/>
        <source>Host unreachable: {endpoint} cannot be reached.</source>
        <translation>主机不可达：无法到达 {endpoint}。</translation>
    </message>
    <message>
        <location filename="../../app/net/udp_errors.py" line="72"/>
        <source>Cannot send to {endpoint} from this socket: a socket bound to a loopback address reaches only loopback addresses, or this machine&apos;s routing table drops that destination (a blackhole route).</source>
        <translation>无法从此套接字发送到 {endpoint}：绑定在回环地址上的套接字只能到达回环地址，或者本机路由表丢弃发往该目的地的数据（黑洞路由）。</translation>
    </message>
    <message>
        <location filename="../../app/net/udp_errors.py" line="76"/>
        <source>Cannot send to {endpoint} from this socket: the address does not suit the bound address (IPv4 vs IPv6, loopback vs network).</source>
        <translation>无法从此套接字发送到 {endpoint}：该地址与绑定地址不匹配（IPv4 / IPv6，回环 / 网络）。</translation>
    </message>
    <message>
        <location filename="../../app/net/udp_errors.py" line="79"/>
        <source>Cannot send to {endpoint}: {reason}</source>
        <translation>无法发送到 {endpoint}：{reason}</translation>
    </message>
    <message>
        <location filename="../../app/net/udp_errors.py" line="86"/>
        <source>A datagram sent earlier was refused: nothing listens on that port. The session goes on receiving.</source>
        <translation>先前发送的数据报被拒绝：该端口上没有程序在监听。会话继续接收。</translation>
    </message>
    <message>
        <location filename="../../app/net/udp_errors.py" line="88"/>
        <source>Receive error: {reason}</source>
        <translation>接收错误：{reason}</translation>
    </message>
</context>
<context>
    <name>UdpPage</name>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="58"/>
        <source>UDP</source>
        <translation>UDP</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="60"/>
        <source>Local address to bind</source>
        <translation>要绑定的本地地址</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="61"/>
        <source>Open or close</source>
        <translation>打开或关闭</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="64"/>
        <location filename="../../ui/pages/udp_page.py" line="138"/>
        <source>Remote host</source>
        <translation>远程主机</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="66"/>
        <source>host, IPv4 or IPv6 address; host:port or [v6]:port</source>
        <translation>主机名、IPv4 或 IPv6 地址；也可写 主机:端口 或 [v6]:端口</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="67"/>
        <location filename="../../ui/pages/udp_page.py" line="139"/>
        <source>Remote port</source>
        <translation>远程端口</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="68"/>
        <source>Reply to the last sender</source>
        <translation>回复最后的发送方</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="70"/>
        <source>Send to whoever sent the last datagram</source>
        <translation>发送给最后一个发来数据报的一方</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="72"/>
        <source>Allow broadcast</source>
        <translation>允许广播</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="73"/>
        <source>Allow sending to broadcast addresses</source>
        <translation>允许发送到广播地址</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="76"/>
        <source>Broadcast addresses of this machine</source>
        <translation>本机的广播地址</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="77"/>
        <source>Broadcast to…</source>
        <translation>广播到…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="85"/>
        <source>Multicast group</source>
        <translation>组播组地址</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="86"/>
        <source>e.g. 239.1.2.3 or ff12::1234</source>
        <translation>例如 239.1.2.3 或 ff12::1234</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="88"/>
        <source>Interface for multicast</source>
        <translation>组播网卡</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="90"/>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="92"/>
        <location filename="../../ui/pages/udp_page.py" line="286"/>
        <source>The bound address, else the interface of the default route</source>
        <translation>绑定的地址，否则按默认路由的接口</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="107"/>
        <location filename="../../ui/pages/udp_page.py" line="329"/>
        <source>Join</source>
        <translation>加入</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="108"/>
        <source>Join or leave the multicast group</source>
        <translation>加入或退出组播组</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="118"/>
        <source>Multicast groups joined</source>
        <translation>已加入的组播组</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="123"/>
        <source>Multicast TTL or hop limit</source>
        <translation>组播 TTL 或跳数限制</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="126"/>
        <source>Loop back to this machine</source>
        <translation>回送到本机</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="128"/>
        <source>This machine&apos;s members receive our multicasts</source>
        <translation>本机的组成员也能收到我们发出的组播</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="131"/>
        <source>Bytes per datagram when sending a file</source>
        <translation>发送文件时每个数据报的字节数</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="142"/>
        <source>Group</source>
        <translation>组播组</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="145"/>
        <source>Interface</source>
        <translation>网卡</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="146"/>
        <source>TTL / hops</source>
        <translation>TTL / 跳数</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="148"/>
        <source>File datagram</source>
        <translation>文件数据报</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="159"/>
        <source>Remote endpoints heard from</source>
        <translation>收到过数据的远程端点</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="165"/>
        <source>Peers</source>
        <translation>对端</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="168"/>
        <source>Send goes to</source>
        <translation>发送目标</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="185"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="186"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="187"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="209"/>
        <source>Enter a local address to bind, e.g. 0.0.0.0.</source>
        <translation>请输入要绑定的本地地址，例如 0.0.0.0。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="237"/>
        <source>Nothing sent: the socket is not open. Click Open first.</source>
        <translation>未发送：套接字未打开。请先点击“打开”。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="277"/>
        <source>Check “Allow broadcast” to send to {address}.</source>
        <translation>要发送到 {address}，请勾选“允许广播”。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="295"/>
        <source>→ last sender: {peer}</source>
        <translation>→ 最后的发送方：{peer}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="296"/>
        <source>→ last sender (none yet)</source>
        <translation>→ 最后的发送方（尚无）</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="298"/>
        <source>→ {host}:{port}</source>
        <translation>→ {host}:{port}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="307"/>
        <source>Enter a multicast group, e.g. 239.1.2.3.</source>
        <translation>请输入组播组，例如 239.1.2.3。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="329"/>
        <source>Leave</source>
        <translation>退出</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="332"/>
        <source>Joined: {groups}</source>
        <translation>已加入：{groups}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="335"/>
        <source>Click a group to put it in the field, then Leave.</source>
        <translation>点击一个组把它填入输入框，然后点“退出”。</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="342"/>
        <source>RX: {bytes} B ({n} datagrams)</source>
        <translation>接收: {bytes} 字节 ({n} 个数据报)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/udp_page.py" line="344"/>
        <source>TX: {bytes} B ({n} datagrams)</source>
        <translation>发送: {bytes} 字节 ({n} 个数据报)</translation>
    </message>
</context>
<context>
    <name>UdpSession</name>
    <message>
        <location filename="../../app/sessions/udp.py" line="86"/>
        <source>Binding…</source>
        <translation>正在绑定…</translation>
    </message>
    <message>
        <location filename="../../app/sessions/udp.py" line="146"/>
        <source>Bound to {endpoint}</source>
        <translation>已绑定到 {endpoint}</translation>
    </message>
    <message>
        <location filename="../../app/sessions/udp.py" line="148"/>
        <source>member of {groups}</source>
        <translation>已加入 {groups}</translation>
    </message>
    <message>
        <location filename="../../app/sessions/udp.py" line="171"/>
        <source>Closed.</source>
        <translation>已关闭。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/udp.py" line="242"/>
        <source>Open the session first: a group is joined while it is open.</source>
        <translation>请先打开会话：组播组只能在会话打开时加入。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/udp.py" line="265"/>
        <source>{group} is not joined.</source>
        <translation>未加入 {group}。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/udp.py" line="311"/>
        <source>Nothing sent: the socket is not open. Click Open first.</source>
        <translation>未发送：套接字未打开。请先点击“打开”。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/udp.py" line="334"/>
        <source>Nothing sent: nobody has sent a datagram yet, so there is no last sender to reply to.</source>
        <translation>未发送：还没有人发来数据报，没有可回复的发送方。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/udp.py" line="344"/>
        <source>Nothing sent: enter the remote host and port.</source>
        <translation>未发送：请输入远程主机和端口。</translation>
    </message>
    <message>
        <location filename="../../app/sessions/udp.py" line="364"/>
        <source>Not sent: {queued} bytes are still waiting to be sent from this socket (the network takes them more slowly than they come, or a host name is still being looked up). Try again when they have gone.</source>
        <translation>未发送：此套接字仍有 {queued} 字节在等待发送（网络发送的速度跟不上，或仍在解析主机名）。请等这些数据发出后再试。</translation>
    </message>
</context>
<context>
    <name>Worker</name>
    <message>
        <location filename="../../app/workers.py" line="154"/>
        <source>Internal error while {task}: {error}</source>
        <translation>{task}时发生内部错误：{error}</translation>
    </message>
</context>
<context>
    <name>conn</name>
    <message>
        <location filename="../../app/net/tcp_connection.py" line="142"/>
        <location filename="../../app/net/tcp_connection.py" line="282"/>
        <source>closed: {reason}</source>
        <translation>已关闭：{reason}</translation>
    </message>
</context>
</TS>
