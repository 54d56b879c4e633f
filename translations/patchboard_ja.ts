<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP" sourcelanguage="en">
<context>
    <name>Patchboard</name>
    <message>
        <location filename="../services/domain/device.cpp" line="+13"/>
        <source>Idle</source>
        <translation>待機中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offered</source>
        <translation>提供済み</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Downloading</source>
        <translation>ダウンロード中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Verifying</source>
        <translation>検証中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Installing</source>
        <translation>インストール中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rebooting</source>
        <translation>再起動中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rolled back</source>
        <translation>ロールバック済み</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Postponed</source>
        <translation>延期</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Supported</source>
        <translation>サポート中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ends soon</source>
        <translation>まもなく終了</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ended – replace</source>
        <translation>終了済み – 要交換</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Rooted/modified</source>
        <translation>ルート化/改造</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ported to another operator</source>
        <translation>他事業者へ転出</translation>
    </message>
    <message>
        <location filename="../services/domain/devicequery.cpp" line="+41"/>
        <source>The date is not a valid calendar date.</source>
        <translation>有効な日付ではありません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Enter a date between %1 and %2.</source>
        <translation>%1～%2の日付を入力してください。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>A patch age must be between 0 and %1 days.</source>
        <translation>パッチ経過日数は0～%1日の範囲で指定してください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A device ID has at most 64 characters.</source>
        <translation>デバイスIDは64文字以内です。</translation>
    </message>
</context>
<context>
    <name>Patchboard::AddTrustedKeyDialog</name>
    <message>
        <location filename="../views/addtrustedkeydialog.cpp" line="+39"/>
        <source>Add Trusted Author Key</source>
        <translation>信頼済み作成者鍵の追加</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Releases whose manifest names this vendor ID are verified with this key, and may only target the manufacturer&apos;s models.</source>
        <translation>マニフェストにこのベンダーIDが指定されたリリースはこの鍵で検証され、対象にできるのはこのメーカーのモデルのみです。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No file chosen</source>
        <translation>ファイルが選択されていません</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Choose…</source>
        <translation>選択(&amp;C)…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>32 hex digits, or a UUID with dashes</source>
        <translation>16進数32桁、またはハイフン付きのUUID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. Aurora release signing key 2026</source>
        <translation>例：Aurora リリース署名鍵 2026</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Public key (PEM):</source>
        <translation>公開鍵（PEM）：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Manufacturer:</source>
        <translation>メーカー(&amp;M)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Vendor ID:</source>
        <translation>ベンダーID(&amp;V)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Label:</source>
        <translation>ラベル(&amp;L)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add Key</source>
        <translation>鍵を追加</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Choose the Author&apos;s public key file (SubjectPublicKeyInfo PEM, as patchboard-author keygen writes it beside the private key).</source>
        <translation>作成者の公開鍵ファイルを選択してください（SubjectPublicKeyInfo形式のPEM。patchboard-author keygenが秘密鍵と同じ場所に書き出すファイルです）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose Public Key</source>
        <translation>公開鍵の選択</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PEM public keys (*.pem *.pub);;All files (*)</source>
        <translation>PEM公開鍵 (*.pem *.pub);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cannot read the file: %1</source>
        <translation>ファイルを読み取れません：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file is too large to be a public key.</source>
        <translation>ファイルが大きすぎるため、公開鍵ではありません。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 key, fingerprint (SHA-256):
%2
Compare it with the fingerprint the Author published before adding it.</source>
        <translation>%1鍵、フィンガープリント（SHA-256）：
%2
追加する前に、作成者が公開しているフィンガープリントと照合してください。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Choose a readable public key file.</source>
        <translation>読み取り可能な公開鍵ファイルを選択してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the vendor ID: 32 hex digits (a UUID).</source>
        <translation>ベンダーIDを入力してください：16進数32桁（UUID）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose the manufacturer.</source>
        <translation>メーカーを選択してください。</translation>
    </message>
</context>
<context>
    <name>Patchboard::Api</name>
    <message>
        <location filename="../services/api/apiclient.cpp" line="+81"/>
        <source>Cannot read the CA file %1: %2.</source>
        <translation>CAファイル%1を読み込めません：%2。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The CA file %1 holds no PEM certificate.</source>
        <translation>CAファイル%1にPEM証明書が含まれていません。</translation>
    </message>
    <message>
        <location line="+91"/>
        <source>Download cancelled.</source>
        <translation>ダウンロードはキャンセルされました。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The secure connection to %1 failed: %2.</source>
        <translation>%1へのセキュアな接続に失敗しました：%2。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server&apos;s certificate is not trusted. Its SHA-256 fingerprint is %1.</source>
        <translation>サーバーの証明書は信頼されていません。SHA-256フィンガープリントは%1です。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Compare the fingerprint with the one patchboard-server printed when it started; if they are equal, pin it (--pin or Settings &gt; Connection), or name the CA that signed it (--ca-file).</source>
        <translation>このフィンガープリントを、patchboard-serverが起動時に表示したものと照合してください。一致する場合は、ピン留めする（--pinまたは「設定」&gt;「接続」）か、署名したCAを指定してください（--ca-file）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The server %1 does not answer: %2.</source>
        <translation>サーバー%1が応答しません：%2。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check that patchboard-server runs and that the address is right.</source>
        <translation>patchboard-serverが動作していること、およびアドレスが正しいことを確認してください。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Signed out: the session expired.</source>
        <translation>サインアウトしました：セッションの有効期限が切れました。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+75"/>
        <source>Connected to %1.</source>
        <translation>%1に接続しました。</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>Cannot write %1: %2.</source>
        <translation>%1を書き込めません：%2。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The server answered with something that is not JSON (%1).</source>
        <translation>サーバーがJSONではない応答を返しました（%1）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check that the address is a patchboard-server and not another web server or a proxy.</source>
        <translation>アドレスが別のWebサーバーやプロキシではなく、patchboard-serverであることを確認してください。</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Check the CA file named in Settings &gt; Connection or --ca-file.</source>
        <translation>「設定」&gt;「接続」または--ca-fileで指定したCAファイルを確認してください。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>unknown role %1</source>
        <translation>不明なロール %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server sent no token.</source>
        <translation>サーバーがトークンを送信しませんでした。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Signed in to %1 as %2.</source>
        <translation>%1に%2としてサインインしました。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Signed out.</source>
        <translation>サインアウトしました。</translation>
    </message>
    <message>
        <location filename="../services/api/apierror.cpp" line="+101"/>
        <source>The server asks you to sign in.</source>
        <translation>サーバーがサインインを求めています。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server refused the request (HTTP 403).</source>
        <translation>サーバーがリクエストを拒否しました（HTTP 403）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server does not know this address (HTTP 404).</source>
        <translation>サーバーはこのアドレスを認識していません（HTTP 404）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the server address, and that it is a patchboard-server.</source>
        <translation>サーバーのアドレスと、それがpatchboard-serverであることを確認してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The request is too large for the server (HTTP 413).</source>
        <translation>リクエストがサーバーにとって大きすぎます（HTTP 413）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Too many requests; the server asks to wait (HTTP 429).</source>
        <translation>リクエストが多すぎます。サーバーが待機を求めています（HTTP 429）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The server is not available (HTTP %1).</source>
        <translation>サーバーを利用できません（HTTP %1）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patchboard retries by itself; check the server if this lasts.</source>
        <translation>Patchboardは自動的に再試行します。この状態が続く場合はサーバーを確認してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server answered HTTP %1 without an explanation.</source>
        <translation>サーバーが説明なしでHTTP %1を返しました。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../services/api/jsonreader.cpp" line="+49"/>
        <source>Check that the server is a patchboard-server of the same version.</source>
        <translation>サーバーが同じバージョンのpatchboard-serverであることを確認してください。</translation>
    </message>
    <message>
        <location filename="../services/api/apiserver.cpp" line="+88"/>
        <source>The request body is not valid JSON: %1 at byte %2.</source>
        <translation>リクエスト本文が有効なJSONではありません：%2バイト目で%1。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The request body must be a JSON object.</source>
        <translation>リクエスト本文はJSONオブジェクトである必要があります。</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>The file of this download is missing on the server.</source>
        <translation>このダウンロードのファイルがサーバー上にありません。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The requested range is not satisfiable (the file has %1 bytes).</source>
        <translation>要求された範囲を満たせません（ファイルのサイズは%1バイトです）。</translation>
    </message>
    <message>
        <location line="+148"/>
        <source>%1 is not allowed on %2.</source>
        <translation>%2では%1は許可されていません。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>There is no %1 in the Patchboard API.</source>
        <translation>Patchboard APIに%1はありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the server address and the API version.</source>
        <translation>サーバーのアドレスとAPIバージョンを確認してください。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The request body has %1 bytes; this route takes at most %2.</source>
        <translation>リクエスト本文は%1バイトです。このルートで受け付けるのは最大%2バイトです。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>This request needs a sign-in.</source>
        <translation>このリクエストにはサインインが必要です。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The session is not valid (expired or signed out).</source>
        <translation>セッションが無効です（有効期限切れまたはサインアウト済み）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in again.</source>
        <translation>もう一度サインインしてください。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The server cannot create a temporary folder for the export: %1</source>
        <translation>サーバーがエクスポート用の一時フォルダーを作成できません：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the server&apos;s temporary folder (TMPDIR) and free space.</source>
        <translation>サーバーの一時フォルダー（TMPDIR）と空き容量を確認してください。</translation>
    </message>
    <message>
        <location filename="../services/api/csvdownload.cpp" line="+26"/>
        <source>The export was cancelled; no file was written.</source>
        <translation>エクスポートはキャンセルされました。ファイルは書き込まれていません。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot read &apos;%1&apos;: %2</source>
        <translation>「%1」を読み込めません：%2</translation>
    </message>
    <message>
        <location filename="../services/api/devicejson.cpp" line="+36"/>
        <source>&apos;%1&apos; is not an update phase (download, verify, install, reboot).</source>
        <translation>「%1」はアップデートのフェーズ（download、verify、install、reboot）ではありません。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&apos;%1&apos; is not an update outcome (ok, succeeded, failed, rolled-back, postponed).</source>
        <translation>「%1」はアップデートの結果（ok、succeeded、failed、rolled-back、postponed）ではありません。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&apos;%1&apos; is not a failure reason.</source>
        <translation>「%1」は失敗理由ではありません。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&apos;%1&apos; is not an update state.</source>
        <translation>「%1」はアップデートの状態ではありません。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>expected a time of day (HH:mm), not &apos;%1&apos;</source>
        <translation>時刻（HH:mm）を指定してください（「%1」は無効です）</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>a sequence number is not negative</source>
        <translation>シーケンス番号は負の値にできません</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>expected &quot;none&quot; or &quot;update&quot;, not &apos;%1&apos;</source>
        <translation>&quot;none&quot;または&quot;update&quot;を指定してください（「%1」は無効です）</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>a number of devices is positive</source>
        <translation>デバイス数は正の値である必要があります</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>element %1 is not a device id</source>
        <translation>要素%1はデバイスIDではありません</translation>
    </message>
    <message>
        <location filename="../services/api/deviceroutes.cpp" line="+29"/>
        <location filename="../services/api/rolloutroutes.cpp" line="+28"/>
        <source>There is no rollout %1.</source>
        <translation>ロールアウト%1は存在しません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the URLs of the offer the check-in returned.</source>
        <translation>チェックインで返された提供内容のURLを使用してください。</translation>
    </message>
    <message>
        <location filename="../services/api/firmwarejson.cpp" line="+28"/>
        <source>expected %1, not &quot;%2&quot;</source>
        <translation>%1を指定してください（&quot;%2&quot;は無効です）</translation>
    </message>
    <message>
        <location line="+267"/>
        <source>expected a number of zero or more</source>
        <translation>0以上の数値を指定してください</translation>
    </message>
    <message>
        <location filename="../services/api/firmwareroutes.cpp" line="+75"/>
        <source>The file name is empty.</source>
        <translation>ファイル名が空です。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file name has %1 characters; at most %2 are allowed.</source>
        <translation>ファイル名が%1文字です。最大%2文字まで使用できます。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&quot;%1&quot; is not a plain file name: it starts with a dot.</source>
        <translation>&quot;%1&quot;は単純なファイル名ではありません：ドットで始まっています。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&quot;%1&quot; is not a plain file name: it contains a path separator.</source>
        <translation>&quot;%1&quot;は単純なファイル名ではありません：パス区切り文字が含まれています。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file name contains a control character.</source>
        <translation>ファイル名に制御文字が含まれています。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Check the free space and permissions of the server&apos;s data folder.</source>
        <translation>サーバーのデータフォルダーの空き容量とアクセス権を確認してください。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>There is no upload %1 on the server.</source>
        <translation>サーバー上にアップロード%1はありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upload the files first; an upload is removed once it has been imported.</source>
        <translation>先にファイルをアップロードしてください。アップロードはインポートされると削除されます。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+29"/>
        <source>Upload %1 was started by another operator.</source>
        <translation>アップロード%1は別のオペレーターが開始したものです。</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>The server cannot create its upload folder %1.</source>
        <translation>サーバーがアップロードフォルダー%1を作成できません。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Start a new upload with another id.</source>
        <translation>別のIDで新しいアップロードを開始してください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+8"/>
        <source>The server cannot create the upload folder %1.</source>
        <translation>サーバーがアップロードフォルダー%1を作成できません。</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>The server cannot write to %1.</source>
        <translation>サーバーが%1に書き込めません。</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+101"/>
        <source>&quot;%1&quot; is not a plain file name.</source>
        <translation>&quot;%1&quot;は単純なファイル名ではありません。</translation>
    </message>
    <message>
        <location line="-97"/>
        <source>%1 already exists in upload %2 and is not a file.</source>
        <translation>%1はアップロード%2にすでに存在し、ファイルではありません。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server cannot store %1 of upload %2: %3.</source>
        <translation>サーバーがアップロード%2の%1を保存できません：%3。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>There is no release %1.</source>
        <translation>リリース%1は存在しません。</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+60"/>
        <location line="+17"/>
        <source>&quot;%1&quot; is not an upload id.</source>
        <translation>&quot;%1&quot;はアップロードIDではありません。</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>An upload id has 8 to 64 letters, digits or dashes.</source>
        <translation>アップロードIDは8～64文字の英字、数字、ハイフンで構成されます。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Upload each file under its own name.</source>
        <translation>各ファイルをそれぞれ固有の名前でアップロードしてください。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Upload each file under its own name; images go to images/NAME.</source>
        <translation>各ファイルをそれぞれ固有の名前でアップロードしてください。イメージはimages/NAMEに配置します。</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The server cannot prepare upload %1 for import.</source>
        <translation>サーバーがアップロード%1をインポート用に準備できません。</translation>
    </message>
    <message>
        <location line="+137"/>
        <source>There is no trusted key %1.</source>
        <translation>信頼済み鍵%1は存在しません。</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>Upload %1 has no file %2.</source>
        <translation>アップロード%1にファイル%2はありません。</translation>
    </message>
    <message>
        <location filename="../services/api/jsonreader.cpp" line="-19"/>
        <location line="+204"/>
        <source>%1: expected an object</source>
        <translation>%1：オブジェクトを指定してください</translation>
    </message>
    <message>
        <location line="-189"/>
        <source>The server answered with data Patchboard does not understand (%1).</source>
        <translation>サーバーがPatchboardの解釈できないデータを返しました（%1）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The request is malformed: %1.</source>
        <translation>リクエストの形式が正しくありません：%1。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>missing</source>
        <translation>ありません</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>expected %1</source>
        <translation>%1を指定してください</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>expected an integer</source>
        <translation>整数を指定してください</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>expected a date (YYYY-MM-DD)</source>
        <translation>日付（YYYY-MM-DD）を指定してください</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>expected a date and time (ISO 8601)</source>
        <translation>日時（ISO 8601）を指定してください</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>expected hexadecimal digits</source>
        <translation>16進数を指定してください</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>expected an even number of hexadecimal digits</source>
        <translation>偶数桁の16進数を指定してください</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>expected base64</source>
        <translation>base64を指定してください</translation>
    </message>
    <message>
        <location filename="../services/api/queryreader.cpp" line="+22"/>
        <source>Bad query parameter %1.</source>
        <translation>クエリパラメーター%1が正しくありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Correct the parameter and send the request again.</source>
        <translation>パラメーターを修正して、リクエストを再送信してください。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>given %1 times; give it once</source>
        <translation>%1回指定されています。1回だけ指定してください</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>expected a whole number, not &quot;%1&quot;</source>
        <translation>整数を指定してください（&quot;%1&quot;は無効です）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>expected a number from %1 to %2, not %3</source>
        <translation>%1～%2の数値を指定してください（%3は無効です）</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>expected a date (YYYY-MM-DD), not &quot;%1&quot;</source>
        <translation>日付（YYYY-MM-DD）を指定してください（&quot;%1&quot;は無効です）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>expected a date and time (ISO 8601, e.g. 2025-03-01T12:00:00Z), not &quot;%1&quot;</source>
        <translation>日時（ISO 8601、例：2025-03-01T12:00:00Z）を指定してください（&quot;%1&quot;は無効です）</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>unknown parameter; this request takes %1</source>
        <translation>不明なパラメーターです。このリクエストで使用できるのは%1です</translation>
    </message>
    <message>
        <location filename="../services/api/jsonreader.cpp" line="+33"/>
        <source>expected a whole number</source>
        <translation>整数を指定してください</translation>
    </message>
    <message>
        <location line="-17"/>
        <source>expected a string</source>
        <translation>文字列を指定してください</translation>
    </message>
    <message>
        <location filename="../services/api/rolloutapijson.cpp" line="+55"/>
        <source>expected a time of day (HH:mm)</source>
        <translation>時刻（HH:mm）を指定してください</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>unknown rollout state %1</source>
        <translation>不明なロールアウト状態 %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>expected percent, count or rest, not &quot;%1&quot;</source>
        <translation>percent、count、restのいずれかを指定してください（&quot;%1&quot;は無効です）</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>unknown wave state %1</source>
        <translation>不明なウェーブ状態 %1</translation>
    </message>
    <message>
        <location filename="../services/api/rolloutroutes.cpp" line="+1"/>
        <source>Reload the list of rollouts.</source>
        <translation>ロールアウトの一覧を再読み込みしてください。</translation>
    </message>
    <message>
        <location filename="../services/api/telemetryjson.cpp" line="+45"/>
        <source>expected succeeded, failed, rolled-back or postponed, not &quot;%1&quot;</source>
        <translation>succeeded、failed、rolled-back、postponedのいずれかを指定してください（&quot;%1&quot;は無効です）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>unknown failure reason %1</source>
        <translation>不明な失敗理由 %1</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>expected fleet, rollout or release, not &quot;%1&quot;</source>
        <translation>fleet、rollout、releaseのいずれかを指定してください（&quot;%1&quot;は無効です）</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>expected 1 to 10000</source>
        <translation>1～10000を指定してください</translation>
    </message>
    <message>
        <location filename="../services/api/telemetryroutes.cpp" line="+87"/>
        <source>The server cannot make a temporary folder for the export: %1.</source>
        <translation>サーバーがエクスポート用の一時フォルダーを作成できません：%1。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the server&apos;s temporary folder (TMPDIR).</source>
        <translation>サーバーの一時フォルダー（TMPDIR）を確認してください。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The server cannot read its export %1: %2.</source>
        <translation>サーバーがエクスポート%1を読み込めません：%2。</translation>
    </message>
    <message>
        <location filename="../services/api/trackerjson.cpp" line="+104"/>
        <source>expected one of %1, not &quot;%2&quot;</source>
        <translation>%1のいずれかを指定してください（&quot;%2&quot;は無効です）</translation>
    </message>
    <message>
        <location line="+536"/>
        <source>expected an event filter as a JSON object</source>
        <translation>イベントフィルターをJSONオブジェクトで指定してください</translation>
    </message>
</context>
<context>
    <name>Patchboard::AppSettings</name>
    <message>
        <location filename="../models/appsettings.cpp" line="+226"/>
        <source>Give the address of the server, such as https://fleet.example:8443.</source>
        <translation>サーバーのアドレスを指定してください（例：https://fleet.example:8443）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is not a server address. Give it as https://host:port: Patchboard talks to servers over HTTPS only.</source>
        <translation>%1はサーバーのアドレスではありません。https://host:portの形式で指定してください。PatchboardはHTTPSでのみサーバーと通信します。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Give the CA file with its full path.</source>
        <translation>CAファイルをフルパスで指定してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The CA file %1 does not exist or cannot be read.</source>
        <translation>CAファイル%1が存在しないか、読み込めません。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The fingerprint is 64 hexadecimal digits (32 pairs, colons allowed), as patchboard-server prints it at start.</source>
        <translation>フィンガープリントは、patchboard-serverが起動時に表示する64桁の16進数です（32組、コロン区切り可）。</translation>
    </message>
    <message>
        <location line="+247"/>
        <source>System</source>
        <translation>システム</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Light</source>
        <translation>ライト</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dark</source>
        <translation>ダーク</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>System language</source>
        <translation>システムの言語</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>A patch level counts as out of date after %1 to %2 days (it is %3).</source>
        <translation>パッチレベルが更新遅れとみなされるまでの日数は%1～%2日です（指定値：%3）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The end-of-support warning comes %1 to %2 days ahead (it is %3).</source>
        <translation>サポート終了の警告は%1～%2日前に表示されます（指定値：%3）。</translation>
    </message>
</context>
<context>
    <name>Patchboard::AuditBackend</name>
    <message>
        <location filename="../services/audit/localauditbackend.cpp" line="+31"/>
        <source>No fleet database is open.</source>
        <translation>フリートデータベースが開かれていません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a database first (see --database).</source>
        <translation>先にデータベースを開いてください（--databaseを参照）。</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>Cannot write &apos;%1&apos;: %2</source>
        <translation>「%1」に書き込めません：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a folder you can write to.</source>
        <translation>書き込み可能なフォルダーを選択してください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Writing &apos;%1&apos; failed: %2</source>
        <translation>「%1」の書き込みに失敗しました：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+28"/>
        <source>Check that the disk is not full.</source>
        <translation>ディスクの空き容量を確認してください。</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>The export was cancelled; no file was written.</source>
        <translation>エクスポートはキャンセルされました。ファイルは書き込まれていません。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Saving &apos;%1&apos; failed: %2</source>
        <translation>「%1」の保存に失敗しました：%2</translation>
    </message>
</context>
<context>
    <name>Patchboard::AuditFilterBar</name>
    <message>
        <location filename="../views/auditfilterbar.cpp" line="+19"/>
        <source>&amp;From</source>
        <translation>開始日(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;To</source>
        <translation>終了日(&amp;T)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Any operator</source>
        <translation>すべてのオペレーター</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operator</source>
        <translation>オペレーター</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The operator&apos;s exact name</source>
        <translation>オペレーターの正確な名前</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Action</source>
        <translation>アクション</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any action</source>
        <translation>すべてのアクション</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Actions starting with this text, e.g. release. or trust.key.</source>
        <translation>このテキストで始まるアクション（例：release.、trust.key.）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text in subject or details</source>
        <translation>対象または詳細に含まれるテキスト</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text</source>
        <translation>テキスト</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>From date</source>
        <translation>開始日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To date</source>
        <translation>終了日</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear Filters</source>
        <translation>フィルターをクリア</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Operator:</source>
        <translation>オペレーター(&amp;O)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Action:</source>
        <translation>アクション(&amp;A)：</translation>
    </message>
</context>
<context>
    <name>Patchboard::AuditLog</name>
    <message>
        <location filename="../services/audit/auditlog.cpp" line="+87"/>
        <source>start an audit entry</source>
        <translation>監査エントリの開始</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+47"/>
        <location line="+7"/>
        <source>write an audit entry</source>
        <translation>監査エントリの書き込み</translation>
    </message>
    <message>
        <location line="-34"/>
        <source>lock the audit log</source>
        <translation>監査ログのロック</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+40"/>
        <location line="+35"/>
        <location line="+61"/>
        <source>read the audit log</source>
        <translation>監査ログの読み取り</translation>
    </message>
    <message>
        <location line="-80"/>
        <source>Audit entry %1 is missing: the log jumps from entry %2 to %3.</source>
        <translation>監査エントリ%1がありません。ログがエントリ%2から%3に飛んでいます。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Audit entry %1 appears out of order.</source>
        <translation>監査エントリ%1の順序が正しくありません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Audit entry %1 does not follow entry %2: an entry was removed, inserted or changed there.</source>
        <translation>監査エントリ%1がエントリ%2に続いていません。この位置でエントリが削除、挿入、または変更されています。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Audit entry %1 was changed after it was written.</source>
        <translation>監査エントリ%1は書き込み後に変更されています。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Audit entries %1 to %2 were removed from the end of the log.</source>
        <translation>監査エントリ%1～%2がログの末尾から削除されています。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Audit entry %1 does not match the recorded head of the log.</source>
        <translation>監査エントリ%1が記録済みのログのヘッドと一致しません。</translation>
    </message>
</context>
<context>
    <name>Patchboard::AuditLogModel</name>
    <message>
        <location filename="../models/auditlogmodel.cpp" line="+60"/>
        <source>reason: %1</source>
        <translation>理由：%1</translation>
    </message>
    <message>
        <location line="+154"/>
        <source>The chain does not verify from entry %1 on: this entry cannot be trusted.</source>
        <translation>エントリ%1以降はチェーンを検証できません。このエントリは信頼できません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hash %1</source>
        <translation>ハッシュ %1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time</source>
        <translation>日時</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Operator</source>
        <translation>オペレーター</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Role</source>
        <translation>ロール</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Action</source>
        <translation>アクション</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Subject</source>
        <translation>対象</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Details</source>
        <translation>詳細</translation>
    </message>
</context>
<context>
    <name>Patchboard::AuditPage</name>
    <message>
        <location filename="../views/auditpage.cpp" line="+40"/>
        <source>&amp;Verify Chain</source>
        <translation>チェーンを検証(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xport CSV…</source>
        <translation>CSVをエクスポート(&amp;X)…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Audit log warning</source>
        <translation>監査ログの警告</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The chain has not been checked yet.</source>
        <translation>チェーンはまだ検証されていません。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Walk the whole hash chain: a changed, removed or inserted entry is reported with its position.</source>
        <translation>ハッシュチェーン全体を検証します。変更・削除・挿入されたエントリがあれば、その位置を報告します。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Write the entries matching the filters, with their hashes, to a CSV file</source>
        <translation>フィルターに一致するエントリをハッシュ付きでCSVファイルに書き出します</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Audit entries</source>
        <translation>監査エントリ</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Rollout manager</source>
        <translation>ロールアウトマネージャー</translation>
    </message>
    <message numerus="yes">
        <location line="+59"/>
        <source>Chain intact: %Ln record(s) verified at %1.</source>
        <translation>
            <numerusform>チェーンは正常です：%1にエントリ%Ln件を検証しました。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chain broken at entry %1: %2</source>
        <translation>エントリ%1でチェーンが壊れています：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The audit log has been tampered with or damaged. %1 Entries from there on cannot be trusted; keep a copy of the database file and report it.</source>
        <translation>監査ログが改ざんまたは破損しています。%1 この位置以降のエントリは信頼できません。データベースファイルのコピーを保管し、報告してください。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Verifying the chain…</source>
        <translation>チェーンを検証中…</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Loading the audit log…</source>
        <translation>監査ログを読み込み中…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No entries match.</source>
        <translation>一致するエントリはありません。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln record(s)</source>
        <translation>
            <numerusform>エントリ%Ln件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Newest %Ln record(s); scroll down for older ones</source>
        <translation>
            <numerusform>最新のエントリ%Ln件。古いエントリは下にスクロールすると表示されます</numerusform>
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
        <translation>監査ログのエクスポート</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSVファイル (*.csv);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Exporting audit entries…</source>
        <translation>監査エントリをエクスポート中…</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Exported %Ln audit record(s) to %1.</source>
        <translation>
            <numerusform>監査エントリ%Ln件を%1にエクスポートしました。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Patchboard::AuthRoutes</name>
    <message numerus="yes">
        <location filename="../services/api/authroutes.cpp" line="+45"/>
        <source>Too many failed sign-ins. Try again in %n minute(s).</source>
        <translation>
            <numerusform>サインインの失敗が多すぎます。%n分後にもう一度お試しください。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>If you forgot your password, ask an administrator to set a new one.</source>
        <translation>パスワードを忘れた場合は、管理者に新しいパスワードの設定を依頼してください。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The user name or the password is too long.</source>
        <translation>ユーザー名またはパスワードが長すぎます。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The session has ended.</source>
        <translation>セッションは終了しました。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in again.</source>
        <translation>もう一度サインインしてください。</translation>
    </message>
</context>
<context>
    <name>Patchboard::BulletinStore</name>
    <message>
        <location filename="../services/firmware/bulletinstore.cpp" line="+28"/>
        <source>start the bulletin import</source>
        <translation>セキュリティ情報のインポート開始</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>replace bulletin records</source>
        <translation>セキュリティ情報レコードの置換</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>write bulletin records</source>
        <translation>セキュリティ情報レコードの書き込み</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>finish the bulletin import</source>
        <translation>セキュリティ情報のインポート完了</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>read the bulletin records</source>
        <translation>セキュリティ情報レコードの読み取り</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>count the bulletin records</source>
        <translation>セキュリティ情報レコードの集計</translation>
    </message>
</context>
<context>
    <name>Patchboard::CommandLine</name>
    <message>
        <location filename="../app/desktop/commandline.cpp" line="+134"/>
        <source>Console for keeping fleets of cellular and IoT devices patched.</source>
        <translation>セルラー／IoTデバイスのフリートを最新のパッチ状態に保つためのコンソール。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The fleet database (SQLite). Created with a demo fleet if it does not exist. Default: %1</source>
        <translation>フリートデータベース（SQLite）。存在しない場合はデモフリート入りで作成されます。既定値：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+17"/>
        <location line="+74"/>
        <source>file</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <location line="-88"/>
        <source>Number of devices in a newly created demo fleet (default: %1).</source>
        <translation>新規作成するデモフリートのデバイス数（既定値：%1）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>count</source>
        <translation>件数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Seed of the demo fleet generator (default: %1).</source>
        <translation>デモフリート生成器のシード値（既定値：%1）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>number</source>
        <translation>数値</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Compute patch ages, support status and release test windows as of this date instead of today (YYYY-MM-DD; for reproducible demos).</source>
        <translation>パッチ経過日数、サポート状況、リリースのテスト期間を、今日ではなくこの日付の時点で計算します（YYYY-MM-DD、デモの再現用）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>date</source>
        <translation>日付</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Once the page has loaded, save the main window as a PNG image and quit.</source>
        <translation>ページの読み込み後、メインウィンドウをPNG画像として保存して終了します。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The page shown at start: devices, compliance, releases, rollouts, telemetry or audit.</source>
        <translation>起動時に表示するページ: devices、compliance、releases、rollouts、telemetry、audit のいずれか。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>With --page rollouts or telemetry: the rollout (its number) selected at start.</source>
        <translation>--page rollouts または telemetry の場合: 起動時に選択するロールアウト（番号）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Also open the wall-screen dashboard of active rollouts, full screen (Esc leaves).</source>
        <translation>アクティブなロールアウトのウォールスクリーンダッシュボードもフルスクリーンで開きます（Esc で終了）。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The operator&apos;s role: viewer, test-engineer, rollout-manager or administrator (default: %1).</source>
        <translation>オペレーターのロール：viewer、test-engineer、rollout-manager、administratorのいずれか（既定値：%1）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The language of the console: en, de or ja (default: the language in Settings, or the system&apos;s). Dates and numbers follow it.</source>
        <translation>コンソールの言語：en、de、jaのいずれか（既定値：設定の言語、またはシステムの言語）。日付と数値の表示もこれに従います。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>language</source>
        <translation>言語</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The theme: system, light or dark (default: the theme in Settings).</source>
        <translation>テーマ：system、light、darkのいずれか（既定値：設定のテーマ）。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>theme</source>
        <translation>テーマ</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>With --page telemetry: the chart shown at start: outcomes, reasons, models or waves.</source>
        <translation>--page telemetryの場合：起動時に表示するチャート：outcomes、reasons、models、wavesのいずれか。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>chart</source>
        <translation>チャート</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --screenshot and --page telemetry: once the page has loaded, list the devices of the top failing model or region, and save the Devices page instead.</source>
        <translation>--screenshotと--page telemetryの場合：ページの読み込み後、失敗が最も多いモデルまたは地域のデバイスを一覧表示し、代わりにデバイスページを保存します。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With --screenshot: once the page has loaded, open this dialog and save it instead of the window: new-rollout[:STEP] (release, targets, waves, schedule, notice, preview), resume-rollout (of the rollout shown), compliance-report, switch-operator, settings[:TAB] (connection, operator, appearance, compliance, rollouts) or import-devices[:FILE] (FILE read and validated first). With --wall, the wall screen is saved instead.</source>
        <translation>--screenshotの場合：ページの読み込み後、このダイアログを開き、ウィンドウの代わりにダイアログを保存します：new-rollout[:STEP]（release、targets、waves、schedule、notice、preview）、resume-rollout（表示中のロールアウト）、compliance-report、switch-operator、settings[:TAB]（connection、operator、appearance、compliance、rollouts）、またはimport-devices[:FILE]（先にFILEを読み込んで検証）。--wallを指定した場合は、代わりにウォールスクリーンを保存します。</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>--page is devices, compliance, releases, rollouts, telemetry or audit, not &apos;%1&apos;.</source>
        <translation>--page には devices、compliance、releases、rollouts、telemetry、audit のいずれかを指定してください（&apos;%1&apos; は無効です）。</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>--lang is en, de or ja, not &apos;%1&apos;.</source>
        <translation>--langにはen、de、jaのいずれかを指定してください（「%1」は無効です）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--theme is system, light or dark, not &apos;%1&apos;.</source>
        <translation>--themeにはsystem、light、darkのいずれかを指定してください（「%1」は無効です）。</translation>
    </message>
    <message>
        <location line="-196"/>
        <source>page</source>
        <translation>ページ</translation>
    </message>
    <message>
        <location line="-94"/>
        <source>--dialog is new-rollout, resume-rollout, compliance-report, switch-operator, settings or import-devices, not &apos;%1&apos;.</source>
        <translation>--dialogにはnew-rollout、resume-rollout、compliance-report、switch-operator、settings、import-devicesのいずれかを指定してください（「%1」は無効です）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>--dialog %1 has no pages to choose, but &apos;%2&apos; was given.</source>
        <translation>--dialog %1には選択できるページがありませんが、「%2」が指定されました。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>--dialog %1: the page is %2, not &apos;%3&apos;.</source>
        <translation>--dialog %1：ページには%2のいずれかを指定してください（「%3」は無効です）。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>--ca-file, --pin and --user go with --server URL.</source>
        <translation>--ca-file、--pin、--userは--server URLと一緒に指定します。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>--user needs a name.</source>
        <translation>--userには名前が必要です。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>With --page releases: the release (its number) selected at start.</source>
        <translation>--page releasesの場合：起動時に選択するリリース（番号）。</translation>
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
        <translation>--page releasesの場合：起動時に表示するタブ：verification、tests、notes、historyのいずれか。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tab</source>
        <translation>タブ</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>At start, plan a staged rollout of the approved demo release and play it on the simulated clock until it runs (running) or until an injected fault halts it (halted). Does nothing when the database already has a rollout.</source>
        <translation>起動時に、承認済みのデモリリースの段階的ロールアウトを計画し、実行中になるまで (running)、または注入した障害で停止するまで (halted) シミュレーション時計で進めます。データベースにすでにロールアウトがある場合は何もしません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>running|halted</source>
        <translation>running|halted</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The operator name recorded with every action (default: %1).</source>
        <translation>各操作とともに記録されるオペレーター名（既定値：%1）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+34"/>
        <location line="+20"/>
        <source>name</source>
        <translation>名前</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>role</source>
        <translation>ロール</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Quit once the page has loaded (smoke test).</source>
        <translation>ページの読み込み後に終了します（スモークテスト）。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Connect to patchboard-server at this address (https://host:port) instead of opening the embedded database; sign in as an operator of the server.</source>
        <translation>組み込みデータベースを開く代わりに、このアドレス（https://host:port）のpatchboard-serverに接続します。サーバーのオペレーターとしてサインインします。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>url</source>
        <translation>url</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --server: also trust the certificate authorities in this PEM file.</source>
        <translation>--serverの場合：このPEMファイル内の認証局も信頼します。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With --server: trust exactly the server certificate with this SHA-256 fingerprint (as patchboard-server prints it at start).</source>
        <translation>--serverの場合：このSHA-256フィンガープリント（patchboard-serverが起動時に表示するもの）を持つサーバー証明書のみを信頼します。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>fingerprint</source>
        <translation>fingerprint</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>With --server: the user name offered in the sign-in dialog. For runs without a dialog (--screenshot, --quit-after-load) the password is read from the environment variable PATCHBOARD_PASSWORD.</source>
        <translation>--serverの場合：サインインダイアログに表示するユーザー名。ダイアログなしで実行する場合（--screenshot、--quit-after-load）、パスワードは環境変数PATCHBOARD_PASSWORDから読み込まれます。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>--demo-devices needs a number from 0 to 10000000, not &apos;%1&apos;.</source>
        <translation>--demo-devicesには0～10000000の数値を指定してください（「%1」は無効です）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--seed needs a whole number, not &apos;%1&apos;.</source>
        <translation>--seedには整数を指定してください（「%1」は無効です）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>--reference-date needs a date as YYYY-MM-DD, not &apos;%1&apos;.</source>
        <translation>--reference-dateにはYYYY-MM-DD形式の日付を指定してください（「%1」は無効です）。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>--release needs a release number, not &apos;%1&apos;.</source>
        <translation>--releaseにはリリース番号を指定してください（「%1」は無効です）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--rollout needs a rollout number, not &apos;%1&apos;.</source>
        <translation>--rolloutにはロールアウト番号を指定してください（「%1」は無効です）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--demo-rollout is running or halted, not &apos;%1&apos;.</source>
        <translation>--demo-rollout は running または halted です (「%1」ではありません)。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>--release-tab is verification, tests, notes or history, not &apos;%1&apos;.</source>
        <translation>--release-tabにはverification、tests、notes、historyのいずれかを指定してください（「%1」は無効です）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>--telemetry-chart is outcomes, reasons, models or waves, not &apos;%1&apos;.</source>
        <translation>--telemetry-chartにはoutcomes、reasons、models、wavesのいずれかを指定してください（「%1」は無効です）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>--operator needs a name.</source>
        <translation>--operatorには名前を指定してください。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>--role is viewer, test-engineer, rollout-manager or administrator, not &apos;%1&apos;.</source>
        <translation>--roleにはviewer、test-engineer、rollout-manager、administratorのいずれかを指定してください（「%1」は無効です）。</translation>
    </message>
</context>
<context>
    <name>Patchboard::CompliancePage</name>
    <message>
        <location filename="../views/compliancepage.cpp" line="+49"/>
        <source>Compliance &amp;Report…</source>
        <translation>コンプライアンスレポート(&amp;R)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Compliance summary</source>
        <translation>コンプライアンス概要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Counting devices…</source>
        <translation>デバイスを集計中…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Counting devices</source>
        <translation>デバイスを集計中</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Hardware models ranked by number of devices</source>
        <translation>デバイス数順のハードウェアモデル</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>List Devices</source>
        <translation>デバイスを一覧表示</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Hardware models by number of devices</source>
        <translation>デバイス数別ハードウェアモデル</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Click a model to list its devices, or its out-of-date count to list only the out-of-date ones.</source>
        <translation>モデルをクリックするとそのデバイスを、更新遅れの数をクリックすると更新遅れのデバイスのみを一覧表示します。</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Writes a PDF for a date: devices by patch age and support status, security update decisions against the 7-day window (SSU-TES-0010), completed rollouts.</source>
        <translation>指定した日付の PDF を作成します: パッチ経過日数とサポート状況別のデバイス、7 日間の期限（SSU-TES-0010）に対するセキュリティアップデートの判断、完了したロールアウト。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The compliance report needs the device tracker, the firmware server and the rollout service; this console is not connected to all of them.</source>
        <translation>コンプライアンスレポートには、デバイストラッカー、ファームウェアサーバー、ロールアウトサービスが必要です。このコンソールはそのすべてには接続されていません。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>No device tracker is connected.</source>
        <translation>デバイストラッカーが接続されていません。</translation>
    </message>
    <message numerus="yes">
        <location line="+34"/>
        <source>%Ln device(s) as of %1.</source>
        <translation>
            <numerusform>%1時点のデバイス数：%Ln台。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1 (%2) have a security patch level older than %Ln day(s).</source>
        <translation>
            <numerusform>%1台（%2）のセキュリティパッチレベルが%Ln日より古くなっています。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%1 (%2) are on models whose support has ended and should be replaced; support ends within %Ln day(s) for %3 more.</source>
        <translation>
            <numerusform>%1台（%2）はサポートが終了したモデルのため、交換が必要です。さらに%3台は%Ln日以内にサポートが終了します。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The most common model is %1 %2 with %3 devices, %4 of them out of date.</source>
        <translation>最も多いモデルは%1 %2（%3台、うち更新遅れ%4）です。</translation>
    </message>
</context>
<context>
    <name>Patchboard::ComplianceReportBuilder</name>
    <message>
        <location filename="../models/compliancereportbuilder.cpp" line="+128"/>
        <source>Supported</source>
        <translation>サポート中</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Support ends within %Ln day(s)</source>
        <translation>
            <numerusform>サポート終了まで %Ln 日以内</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Past end of support: to be replaced</source>
        <translation>サポート終了済み: 要交換</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Devices in the fleet</source>
        <translation>フリート内のデバイス</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Security patch level older than %Ln day(s) (SSU-SEC-0020)</source>
        <translation>
            <numerusform>セキュリティパッチレベルが %Ln 日より古い（SSU-SEC-0020）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+3"/>
        <location line="+266"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="-267"/>
        <source>Past end of support, to be replaced (SSU-SEC-0040)</source>
        <translation>サポート終了済み、要交換（SSU-SEC-0040）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Security updates decided within 7 days (SSU-TES-0010)</source>
        <translation>7 日以内に判断されたセキュリティアップデート（SSU-TES-0010）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 of %2</source>
        <translation>%2 件中 %1 件</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Security updates waiting past 7 days</source>
        <translation>7 日を超えて判断待ちのセキュリティアップデート</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rollouts completed</source>
        <translation>完了したロールアウト</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failure rate of completed rollouts</source>
        <translation>完了したロールアウトの失敗率</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rollouts cancelled or halted</source>
        <translation>キャンセルまたは停止されたロールアウト</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At a glance</source>
        <translation>概要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Figure</source>
        <translation>指標</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Devices by patch age</source>
        <translation>パッチ経過日数別のデバイス</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Days from each device&apos;s security patch level to the report date. Security updates are expected monthly (SSU-SEC-0020); a patch level older than %Ln day(s) counts as out of date.</source>
        <translation>
            <numerusform>各デバイスのセキュリティパッチレベルからレポート日付までの日数です。セキュリティアップデートは毎月提供される想定です（SSU-SEC-0020）。パッチレベルが %Ln 日より古い場合は、古いパッチとみなします。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Out of date</source>
        <translation>古い</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Current</source>
        <translation>最新</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+27"/>
        <source>All devices</source>
        <translation>すべてのデバイス</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Patch age (days)</source>
        <translation>パッチ経過日数（日）</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+24"/>
        <location line="+27"/>
        <source>Devices</source>
        <translation>デバイス</translation>
    </message>
    <message>
        <location line="-51"/>
        <location line="+24"/>
        <source>Share</source>
        <translation>割合</translation>
    </message>
    <message>
        <location line="-24"/>
        <location line="+51"/>
        <source>Status</source>
        <translation>状態</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>Devices by support status</source>
        <translation>サポート状況別のデバイス</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manufacturers publish a support period of at least 36 months (SSU-SEC-0030); devices past it no longer get security updates and are to be replaced (SSU-SEC-0040).</source>
        <translation>メーカーは 36 か月以上のサポート期間を公表します（SSU-SEC-0030）。この期間を過ぎたデバイスにはセキュリティアップデートが提供されないため、交換が必要です（SSU-SEC-0040）。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Support status</source>
        <translation>サポート状況</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Models past or near end of support</source>
        <translation>サポート終了済みまたは終了間近のモデル</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>No model&apos;s support ends within %Ln day(s).</source>
        <translation>
            <numerusform>%Ln 日以内にサポートが終了するモデルはありません。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manufacturer</source>
        <translation>メーカー</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Support ends</source>
        <translation>サポート終了日</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1, withdrawn %2</source>
        <translation>%1、%2 に取り下げ</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+12"/>
        <source>n/a (not security-only)</source>
        <translation>該当なし（セキュリティ専用ではありません）</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No</source>
        <translation>いいえ</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>Overdue by %Ln day(s)</source>
        <translation>
            <numerusform>%Ln 日超過</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Open, %Ln day(s) left</source>
        <translation>
            <numerusform>未判断、残り %Ln 日</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting (%1)</source>
        <translation>判断待ち（%1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 so far</source>
        <translation>現時点で %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Security update decisions</source>
        <translation>セキュリティアップデートの判断</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An operator decides on a security update within 7 days of receiving it (SSU-TES-0010): days from receipt to approval or rejection. Releases received by the end of the report date.</source>
        <translation>オペレーターは、セキュリティアップデートを受領してから 7 日以内に判断します（SSU-TES-0010）。受領から承認または却下までの日数を示します。対象は、レポート日付の終わりまでに受領したリリースです。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 of %2 decided within 7 days.</source>
        <translation>%2 件中 %1 件が 7 日以内に判断されました。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln security update(s) waiting for a decision</source>
        <translation>
            <numerusform>判断待ちのセキュリティアップデート %Ln 件</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, %2.</source>
        <translation>%1、%2。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln of them overdue (past 7 days)</source>
        <translation>
            <numerusform>うち %Ln 件は期限超過（7 日経過）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No release was received by the report date.</source>
        <translation>レポート日付までに受領したリリースはありません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+66"/>
        <location line="+16"/>
        <source>Release</source>
        <translation>リリース</translation>
    </message>
    <message>
        <location line="-82"/>
        <source>Models</source>
        <translation>モデル</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Received</source>
        <translation>受領日</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Decision</source>
        <translation>判断</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decided</source>
        <translation>判断日</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By</source>
        <translation>判断者</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Days to decision</source>
        <translation>判断までの日数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Within 7 days</source>
        <translation>7 日以内</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%Ln release(s) failed verification on import and were refused automatically, so no test decision was needed: %1.</source>
        <translation>
            <numerusform>%Ln 件のリリースはインポート時の検証に失敗して自動的に拒否されたため、テストの判断は不要でした: %1。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%Ln release(s) are not security-only; the 7-day window does not apply to them and they are not counted above.</source>
        <translation>
            <numerusform>%Ln 件のリリースはセキュリティ専用ではありません。7 日間の期限は適用されず、上記の集計には含まれていません。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Rollouts</source>
        <translation>ロールアウト</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Staged rollouts that ended by the end of the report date. The failure rate is the share of failed (or rolled back) updates among the devices that reported a result.</source>
        <translation>レポート日付の終わりまでに終了した段階的ロールアウトです。失敗率は、結果を報告したデバイスのうち、アップデートが失敗した（またはロールバックされた）割合です。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No rollout was completed by the report date.</source>
        <translation>レポート日付までに完了したロールアウトはありません。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln rollout(s) completed: %1 of %2 targeted devices updated, %3 failed (failure rate %4).</source>
        <translation>
            <numerusform>%Ln 件のロールアウトが完了: 対象デバイス %2 台中 %1 台を更新、%3 台が失敗（失敗率 %4）。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>All completed</source>
        <translation>すべての完了分</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+16"/>
        <source>Rollout</source>
        <translation>ロールアウト</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Finished</source>
        <translation>終了日</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+17"/>
        <source>Targets</source>
        <translation>対象</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+16"/>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+16"/>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+17"/>
        <source>Not reached</source>
        <translation>未到達</translation>
    </message>
    <message>
        <location line="-16"/>
        <location line="+16"/>
        <source>Failure rate</source>
        <translation>失敗率</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Cancelled or halted</source>
        <translation>キャンセルまたは停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No rollout was cancelled or halted by the report date.</source>
        <translation>レポート日付までにキャンセルまたは停止されたロールアウトはありません。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Since</source>
        <translation>発生日時</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Compliance report %1</source>
        <translation>コンプライアンスレポート %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>an unnamed operator</source>
        <translation>名前のないオペレーター</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Compliance report</source>
        <translation>コンプライアンスレポート</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Prepared by %1 on %2. Fleet: %Ln device(s).</source>
        <translation>
            <numerusform>作成者: %1、作成日: %2。フリート: %Ln 台のデバイス。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Source: %1</source>
        <translation>出典: %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Device counts are the fleet as the Status Tracker recorded it when the report was generated; patch ages and support status are measured at the report date. Decisions and rollouts are those recorded before %1 (the end of the report date); waiting releases are measured at %2.</source>
        <translation>デバイス数は、レポート生成時にステータストラッカーが記録したフリートの状態です。パッチ経過日数とサポート状況は、レポート日付の時点で算出しています。判断とロールアウトは、%1（レポート日付の終わり）より前に記録されたものです。判断待ちのリリースは %2 の時点で算出しています。</translation>
    </message>
</context>
<context>
    <name>Patchboard::ComplianceReportDialog</name>
    <message>
        <location filename="../views/compliancereportdialog.cpp" line="+48"/>
        <source>&amp;Browse…</source>
        <translation>参照(&amp;B)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Compliance Report</source>
        <translation>コンプライアンスレポート</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A PDF for a regulator or a manager: the devices by patch age and support status, the security update decisions against the 7-day window (SSU-TES-0010), and the rollouts completed by the date.</source>
        <translation>規制当局や管理者向けの PDF です。パッチ経過日数とサポート状況別のデバイス、7 日間の期限（SSU-TES-0010）に対するセキュリティアップデートの判断、指定日までに完了したロールアウトを含みます。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Report date</source>
        <translation>レポート日付</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File name of the report</source>
        <translation>レポートのファイル名</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Report progress</source>
        <translation>レポートの進行状況</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Write Report</source>
        <translation>レポートを作成(&amp;W)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open Report</source>
        <translation>レポートを開く(&amp;O)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opens the report written last in the PDF viewer.</source>
        <translation>最後に作成したレポートを PDF ビューアーで開きます。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Report &amp;date:</source>
        <translation>レポート日付(&amp;D):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save as:</source>
        <translation>保存先(&amp;S):</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Enter a file name for the report.</source>
        <translation>レポートのファイル名を入力してください。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The folder %1 does not exist. Choose another folder.</source>
        <translation>フォルダー %1 は存在しません。別のフォルダーを選択してください。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is a folder. Enter a file name.</source>
        <translation>%1 はフォルダーです。ファイル名を入力してください。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Gathering the figures for %1…</source>
        <translation>%1 の数値を収集しています…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancelled; no file was written.</source>
        <translation>キャンセルしました。ファイルは作成されていません。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save Compliance Report</source>
        <translation>コンプライアンスレポートを保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF ファイル (*.pdf)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Writing the PDF…</source>
        <translation>PDF を作成しています…</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Report for %1 written to %2 (%Ln page(s)).</source>
        <translation>
            <numerusform>%1 のレポートを %2 に作成しました（%Ln ページ）。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>A file with this name exists; writing the report replaces it.</source>
        <translation>同じ名前のファイルが存在します。レポートを作成すると置き換えられます。</translation>
    </message>
</context>
<context>
    <name>Patchboard::ComplianceReportGatherer</name>
    <message>
        <location filename="../models/compliancereportgatherer.cpp" line="+33"/>
        <source>Could not read %1 for the report.
%2</source>
        <translation>レポート用の %1 を読み込めませんでした。
%2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reading %1 was cancelled before it finished. Try again.</source>
        <translation>%1 の読み込みが完了前にキャンセルされました。もう一度お試しください。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Choose a valid date for the report.</source>
        <translation>レポートの有効な日付を選択してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The report needs the device tracker, the firmware server and the rollout service, and one of them is not connected. Restart Patchboard.</source>
        <translation>レポートにはデバイストラッカー、ファームウェアサーバー、ロールアウトサービスが必要ですが、いずれかが接続されていません。Patchboard を再起動してください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the device counts</source>
        <translation>デバイス数</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>the releases</source>
        <translation>リリース</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the rollouts</source>
        <translation>ロールアウト</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Reading the fleet, releases and rollouts…</source>
        <translation>フリート、リリース、ロールアウトを読み込んでいます…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Reading the decisions on release %1…</source>
        <translation>リリース %1 の判断を読み込んでいます…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The firmware server is no longer connected.</source>
        <translation>ファームウェアサーバーとの接続が切断されました。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the history of release %1</source>
        <translation>リリース %1 の履歴</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reading the history of rollout %1…</source>
        <translation>ロールアウト %1 の履歴を読み込んでいます…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The rollout service is no longer connected.</source>
        <translation>ロールアウトサービスとの接続が切断されました。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the history of rollout %1</source>
        <translation>ロールアウト %1 の履歴</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Writing the report…</source>
        <translation>レポートを作成しています…</translation>
    </message>
</context>
<context>
    <name>Patchboard::ComplianceReportWriter</name>
    <message>
        <location filename="../models/compliancereportwriter.cpp" line="+101"/>
        <source>Page %1 of %2</source>
        <translation>%1 / %2 ページ</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Could not write the report to %1: %2</source>
        <translation>レポートを %1 に書き込めませんでした: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a folder you can write to, with space left, and try again. No file was written.</source>
        <translation>書き込み可能で空き容量のあるフォルダーを選択して、もう一度お試しください。ファイルは作成されていません。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>the PDF writer could not start</source>
        <translation>PDF ライターを起動できませんでした</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the PDF writer could not add page %1</source>
        <translation>PDF ライターがページ %1 を追加できませんでした</translation>
    </message>
</context>
<context>
    <name>Patchboard::ConnectionBanner</name>
    <message>
        <location filename="../views/connectionbanner.cpp" line="+19"/>
        <source>Retry &amp;Now</source>
        <translation>今すぐ再試行(&amp;N)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign &amp;In…</source>
        <translation>サインイン(&amp;I)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connection to the server</source>
        <translation>サーバーへの接続</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Connection state</source>
        <translation>接続状態</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Retry now</source>
        <translation>今すぐ再試行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask the server now instead of waiting for the next try</source>
        <translation>次の試行を待たずに今すぐサーバーに問い合わせます</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in</source>
        <translation>サインイン</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in to the server again; nothing you see is lost</source>
        <translation>サーバーにもう一度サインインします。表示中の内容は失われません</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Server unreachable since %1 — retrying now…</source>
        <translation>%1からサーバーに接続できません — 再試行中…</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Server unreachable since %1 — retrying (next in %Ln s)</source>
        <translation>
            <numerusform>%1からサーバーに接続できません — 再試行します（次回は%Ln秒後）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Signed out — sign in again to go on</source>
        <translation>サインアウトしました — 続行するにはもう一度サインインしてください</translation>
    </message>
</context>
<context>
    <name>Patchboard::CsvExport</name>
    <message>
        <location filename="../views/csvexport.cpp" line="+22"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Export cancelled; no file was written.</source>
        <translation>エクスポートをキャンセルしました。ファイルは書き込まれていません。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export Failed</source>
        <translation>エクスポート失敗</translation>
    </message>
</context>
<context>
    <name>Patchboard::CsvReader</name>
    <message>
        <location filename="../services/tracker/csvreader.cpp" line="+50"/>
        <source>UTF-8 with byte-order mark</source>
        <translation>UTF-8（BOM付き）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>UTF-16 (little endian)</source>
        <translation>UTF-16（リトルエンディアン）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>UTF-16 (big endian)</source>
        <translation>UTF-16（ビッグエンディアン）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Latin-1 (the file is not valid UTF-8)</source>
        <translation>Latin-1（ファイルは有効なUTF-8ではありません）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>semicolon (;)</source>
        <translation>セミコロン（;）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>comma (,)</source>
        <translation>カンマ（,）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>tab</source>
        <translation>タブ</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The file contains NUL bytes: it is not a text file (CSV).</source>
        <translation>ファイルにNULバイトが含まれています。テキストファイル（CSV）ではありません。</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Line %1 contains NUL bytes: the file is not a text file (CSV).</source>
        <translation>%1行目にNULバイトが含まれています。このファイルはテキストファイル（CSV）ではありません。</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>The record starting on line %1 is longer than %2 MiB: the file is not a CSV file, or a quote is not closed.</source>
        <translation>%1行目から始まるレコードが%2 MiBを超えています。CSVファイルではないか、引用符が閉じられていません。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The quoted field starting on line %1 is not closed before the end of the file.</source>
        <translation>%1行目から始まる引用符付きフィールドが、ファイルの末尾までに閉じられていません。</translation>
    </message>
</context>
<context>
    <name>Patchboard::Database</name>
    <message>
        <location filename="../services/storage/database.cpp" line="+51"/>
        <source>The PostgreSQL server of &apos;%1&apos; cannot be reached (%2): %3</source>
        <translation>「%1」のPostgreSQLサーバーに接続できません（%2）：%3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that the server runs and accepts connections from this host, and that the URL&apos;s host, port, user and password are right.</source>
        <translation>サーバーが動作していてこのホストからの接続を受け付けること、およびURLのホスト、ポート、ユーザー、パスワードが正しいことを確認してください。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The PostgreSQL database &apos;%1&apos; is busy with a conflicting change (%2): %3</source>
        <translation>PostgreSQLデータベース「%1」は競合する変更の処理中です（%2）：%3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing was changed. Try again.</source>
        <translation>何も変更されていません。もう一度お試しください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The PostgreSQL database &apos;%1&apos; reports damaged data (%2): %3</source>
        <translation>PostgreSQLデータベース「%1」がデータの破損を報告しています（%2）：%3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask the database administrator to check the server and restore from a backup.</source>
        <translation>データベース管理者にサーバーの確認とバックアップからの復元を依頼してください。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The PostgreSQL database &apos;%1&apos; refused access (%2): %3</source>
        <translation>PostgreSQLデータベース「%1」がアクセスを拒否しました（%2）：%3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the user, password and database in the URL, and that the user may create tables in the database.</source>
        <translation>URLのユーザー、パスワード、データベースが正しいこと、およびそのユーザーがデータベースにテーブルを作成できることを確認してください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Could not %1 in the PostgreSQL database &apos;%2&apos;: %3</source>
        <translation>PostgreSQLデータベース「%2」で%1を実行できませんでした：%3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The database server is out of disk space or memory; ask its administrator.</source>
        <translation>データベースサーバーのディスク容量またはメモリが不足しています。管理者に連絡してください。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the PostgreSQL server&apos;s log.</source>
        <translation>PostgreSQLサーバーのログを確認してください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing was changed. Choose another file with --database FILE, or move this file away to start again with a new demo fleet.</source>
        <translation>何も変更されていません。--databaseで別のファイルを指定するか、このファイルを移動して新しいデモフリートで始め直してください。</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>The database file &apos;%1&apos; is damaged or is not a database (%2).</source>
        <translation>データベースファイル「%1」は破損しているか、データベースではありません（%2）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The database file &apos;%1&apos; is locked by another program (%2).</source>
        <translation>データベースファイル「%1」は別のプログラムによってロックされています（%2）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the other program using it, or choose another file with --database.</source>
        <translation>使用中の別のプログラムを終了するか、--databaseで別のファイルを指定してください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not %1 in the database file &apos;%2&apos;: %3</source>
        <translation>データベースファイル「%2」で%1に失敗しました：%3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that the disk is not full and the file is writable.</source>
        <translation>ディスクの空き容量とファイルの書き込み権限を確認してください。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>run a statement</source>
        <translation>SQL文の実行</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&apos;%1&apos; is a folder, not a database file.</source>
        <translation>「%1」はフォルダーであり、データベースファイルではありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the path of a file with --database FILE.</source>
        <translation>--databaseでファイルのパスを指定してください。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The database file &apos;%1&apos; cannot be read: %2</source>
        <translation>データベースファイル「%1」を読み取れません：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the file&apos;s permissions.</source>
        <translation>ファイルのアクセス権を確認してください。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&apos;%1&apos; is not a Patchboard database: it is not an SQLite file.</source>
        <translation>「%1」はPatchboardのデータベースではありません（SQLiteファイルではありません）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database file &apos;%1&apos; is read-only.</source>
        <translation>データベースファイル「%1」は読み取り専用です。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make it writable, or choose another file with --database FILE.</source>
        <translation>書き込み可能にするか、--databaseで別のファイルを指定してください。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Could not open the database file &apos;%1&apos;: %2</source>
        <translation>データベースファイル「%1」を開けませんでした：%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check that the folder exists and is writable.</source>
        <translation>フォルダーが存在し、書き込み可能であることを確認してください。</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+132"/>
        <source>read the schema version</source>
        <translation>スキーマバージョンの読み取り</translation>
    </message>
    <message>
        <location line="-129"/>
        <source>read the application id</source>
        <translation>アプリケーションIDの読み取り</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+120"/>
        <source>read the schema</source>
        <translation>スキーマの読み取り</translation>
    </message>
    <message>
        <location line="-112"/>
        <source>&apos;%1&apos; is an SQLite database of another application, not a Patchboard database.</source>
        <translation>「%1」は別のアプリケーションのSQLiteデータベースであり、Patchboardのデータベースではありません。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The database file &apos;%1&apos; was written by a newer Patchboard (schema version %2; this version knows up to %3).</source>
        <translation>データベースファイル「%1」は新しいバージョンのPatchboardで書き込まれています（スキーマバージョン%2、このバージョンの対応範囲は%3まで）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing was changed. Open it with a newer Patchboard, or choose another file with --database FILE.</source>
        <translation>何も変更されていません。新しいバージョンのPatchboardで開くか、--databaseで別のファイルを指定してください。</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+62"/>
        <source>configure the connection</source>
        <translation>接続の設定</translation>
    </message>
    <message>
        <location line="-54"/>
        <location line="+126"/>
        <source>start a migration</source>
        <translation>マイグレーションの開始</translation>
    </message>
    <message>
        <location line="-118"/>
        <location line="+133"/>
        <source>migrate to schema version %1</source>
        <translation>スキーマバージョン%1へのマイグレーション</translation>
    </message>
    <message>
        <location line="-127"/>
        <location line="+133"/>
        <source>finish a migration</source>
        <translation>マイグレーションの完了</translation>
    </message>
    <message>
        <location line="-117"/>
        <source>Cannot open &apos;%1&apos;: Qt&apos;s PostgreSQL driver (QPSQL) is not installed.</source>
        <translation>「%1」を開けません：QtのPostgreSQLドライバー（QPSQL）がインストールされていません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Install it (Debian: apt-get install libqt6sql6-psql), or use an SQLite file with --database FILE.</source>
        <translation>ドライバーをインストールする（Debian：apt-get install libqt6sql6-psql）か、--database FILEでSQLiteファイルを使用してください。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>connect</source>
        <translation>接続</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>wait for another server&apos;s migration</source>
        <translation>他のサーバーによるマイグレーションの完了待ち</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The PostgreSQL database &apos;%1&apos; has a schema_version table that is not Patchboard&apos;s.</source>
        <translation>PostgreSQLデータベース「%1」には、Patchboardのものではないschema_versionテーブルがあります。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+9"/>
        <source>Nothing was changed. Give Patchboard an empty database of its own (createdb), with --database postgresql://USER:PASSWORD@HOST:PORT/DATABASE.</source>
        <translation>何も変更されていません。Patchboard専用の空のデータベース（createdb）を--database postgresql://USER:PASSWORD@HOST:PORT/DATABASEで指定してください。</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>The PostgreSQL database &apos;%1&apos; holds tables of another application, not a Patchboard database.</source>
        <translation>PostgreSQLデータベース「%1」には別のアプリケーションのテーブルが含まれており、Patchboardのデータベースではありません。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The PostgreSQL database &apos;%1&apos; was written by a newer Patchboard (schema version %2; this version knows up to %3).</source>
        <translation>PostgreSQLデータベース「%1」は新しいバージョンのPatchboardで書き込まれています（スキーマバージョン%2。このバージョンが対応しているのは%3までです）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Nothing was changed. Run a newer Patchboard server against it, or give another database with --database.</source>
        <translation>何も変更されていません。新しいバージョンのPatchboardサーバーで使用するか、--databaseで別のデータベースを指定してください。</translation>
    </message>
</context>
<context>
    <name>Patchboard::DatabaseCopy</name>
    <message>
        <location filename="../services/storage/databasecopy.cpp" line="+32"/>
        <source>read the list of tables</source>
        <translation>テーブルの一覧を読み取る</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>The foreign keys of table %1 form a cycle.</source>
        <translation>テーブル %1 の外部キーが循環しています。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>%1 has tables that %2 lacks: %3.</source>
        <translation>%1 には %2 にないテーブルがあります: %3。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy between two Patchboard databases of the same version.</source>
        <translation>同じバージョンの 2 つの Patchboard データベースの間でコピーしてください。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>check that the target is empty</source>
        <translation>コピー先が空であることを確認する</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 already holds data (table %2).</source>
        <translation>%1 にはすでにデータがあります (テーブル %2)。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy into a new, empty database: nothing was changed.</source>
        <translation>新しい空のデータベースにコピーしてください。何も変更されていません。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>start a transaction</source>
        <translation>トランザクションの開始</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Table %1 has no columns in %2.</source>
        <translation>%2 のテーブル %1 には列がありません。</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+26"/>
        <source>read table %1</source>
        <translation>テーブル %1 を読み取る</translation>
    </message>
    <message>
        <location line="-22"/>
        <location line="+8"/>
        <location line="+19"/>
        <source>write table %1</source>
        <translation>テーブル %1 に書き込む</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>commit the copy</source>
        <translation>コピーを確定する</translation>
    </message>
</context>
<context>
    <name>Patchboard::DemoFleetGenerator</name>
    <message>
        <location filename="../services/simulation/demofleetgenerator.cpp" line="+105"/>
        <source>A demo fleet has between 0 and %1 devices, not %2.</source>
        <translation>デモフリートのデバイス数は0～%1台です（%2台は指定できません）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>check that the database is empty</source>
        <translation>データベースが空であることの確認</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The database &apos;%1&apos; already holds a fleet; a demo fleet is only generated into an empty database.</source>
        <translation>データベース「%1」にはすでにフリートがあります。デモフリートは空のデータベースにのみ生成されます。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>start writing the demo fleet</source>
        <translation>デモフリートの書き込み開始</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>write a manufacturer</source>
        <translation>メーカーの書き込み</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>write a hardware model</source>
        <translation>ハードウェアモデルの書き込み</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>write a firmware build</source>
        <translation>ファームウェアビルドの書き込み</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>write a region</source>
        <translation>地域の書き込み</translation>
    </message>
    <message>
        <location line="+50"/>
        <location line="+29"/>
        <source>Generating the demo fleet was cancelled.</source>
        <translation>デモフリートの生成がキャンセルされました。</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>write a device</source>
        <translation>デバイスの書き込み</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>record the demo fleet</source>
        <translation>デモフリートの記録</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>save the demo fleet</source>
        <translation>デモフリートの保存</translation>
    </message>
</context>
<context>
    <name>Patchboard::DemoReleases</name>
    <message>
        <location filename="../services/firmware/demoreleases.cpp" line="+109"/>
        <source>find a hardware model for the demo releases</source>
        <translation>デモリリース用ハードウェアモデルの検索</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The database has no hardware model with firmware: generate the demo fleet first.</source>
        <translation>データベースにファームウェアを持つハードウェアモデルがありません。先にデモフリートを生成してください。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>count the releases</source>
        <translation>リリースの集計</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The database already has releases; demo releases go into a new one.</source>
        <translation>データベースにはすでにリリースがあります。デモリリースは新しいデータベースにのみ作成されます。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The model %1 has no SUIT class ID.</source>
        <translation>モデル%1にはSUITクラスIDがありません。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The demo keys could not be made.</source>
        <translation>デモ用の鍵を生成できませんでした。</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+8"/>
        <source>Test Author (demo)</source>
        <translation>テスト作成者（デモ）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot create a temporary folder for the demo releases.</source>
        <translation>デモリリース用の一時フォルダーを作成できません。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot write the demo image.</source>
        <translation>デモイメージを書き込めません。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Cannot alter the demo manifest.</source>
        <translation>デモマニフェストを変更できません。</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Demo: every test case passed on %1.</source>
        <translation>デモ：%1にすべてのテストケースが合格しました。</translation>
    </message>
</context>
<context>
    <name>Patchboard::DemoRolloutSetup</name>
    <message>
        <location filename="../app/desktop/demorolloutsetup.cpp" line="+53"/>
        <source>No approved release to roll out.</source>
        <translation>ロールアウトできる承認済みリリースがありません。</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Demo rollout %1 planned and played on the simulated clock.</source>
        <translation>デモロールアウト %1 を計画し、シミュレーション時計で進めました。</translation>
    </message>
</context>
<context>
    <name>Patchboard::Desktop</name>
    <message>
        <location filename="../app/desktop/main.cpp" line="+89"/>
        <source>Patchboard cannot open the fleet database
%1</source>
        <translation>Patchboardでフリートデータベースを開けません
%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The file was not changed. To start with a new demo fleet, move it away or choose another file with --database FILE.</source>
        <translation>ファイルは変更されていません。新しいデモフリートで始めるには、ファイルを移動するか、--databaseで別のファイルを指定してください。</translation>
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
        <translation>スクリーンショット%1を書き込めません。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Signing in without a dialog needs --user NAME and the password in the environment variable PATCHBOARD_PASSWORD.</source>
        <translation>ダイアログなしでサインインするには、--user NAMEと環境変数PATCHBOARD_PASSWORDのパスワードが必要です。</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Cannot create the folder %1.</source>
        <translation>フォルダー%1を作成できません。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Opening the fleet database…</source>
        <translation>フリートデータベースを開いています…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Opening releases and the audit log…</source>
        <translation>リリースと監査ログを開いています…</translation>
    </message>
    <message numerus="yes">
        <location line="+46"/>
        <source>Creating a demo fleet of %Ln device(s) in
%1…</source>
        <translation>
            <numerusform>デモフリート（%Ln台）を作成しています：
%1…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Adding demo releases…</source>
        <translation>デモリリースを追加しています…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No demo releases: %1</source>
        <translation>デモリリースなし：%1</translation>
    </message>
</context>
<context>
    <name>Patchboard::DeviceCsv</name>
    <message>
        <location filename="../services/tracker/devicecsv.cpp" line="+93"/>
        <source>Cannot write &apos;%1&apos;: %2</source>
        <translation>「%1」に書き込めません：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a folder you can write to.</source>
        <translation>書き込み可能なフォルダーを選択してください。</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+13"/>
        <source>Writing &apos;%1&apos; failed: %2</source>
        <translation>「%1」の書き込みに失敗しました：%2</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+17"/>
        <source>Check that the disk is not full.</source>
        <translation>ディスクの空き容量を確認してください。</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>The export was cancelled; no file was written.</source>
        <translation>エクスポートはキャンセルされました。ファイルは書き込まれていません。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Saving &apos;%1&apos; failed: %2</source>
        <translation>「%1」の保存に失敗しました：%2</translation>
    </message>
</context>
<context>
    <name>Patchboard::DeviceDetailPanel</name>
    <message>
        <location filename="../views/devicedetailpanel.cpp" line="+55"/>
        <source>IMEI / serial:</source>
        <translation>IMEI／シリアル番号：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Manufacturer:</source>
        <translation>メーカー：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Model:</source>
        <translation>モデル：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region:</source>
        <translation>地域：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Firmware:</source>
        <translation>ファームウェア：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Security patch level:</source>
        <translation>セキュリティパッチレベル：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patch applied:</source>
        <translation>パッチ適用日：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Patch age:</source>
        <translation>パッチ経過日数：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Support ends:</source>
        <translation>サポート終了日：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Support:</source>
        <translation>サポート：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last check-in:</source>
        <translation>最終チェックイン：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Update state:</source>
        <translation>更新状態：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exceptions:</source>
        <translation>例外：</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+8"/>
        <source>Update history</source>
        <translation>更新履歴</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>No updates recorded for this device yet.</source>
        <translation>このデバイスの更新履歴はまだありません。</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Select a device to see its details and update history.</source>
        <translation>デバイスを選択すると、詳細と更新履歴が表示されます。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No device tracker is connected.</source>
        <translation>デバイストラッカーが接続されていません。</translation>
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
        <translation>%1（タイムゾーン：%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (sequence %2)</source>
        <translation>%1（シーケンス%2）</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%Ln day(s)</source>
        <translation>
            <numerusform>%Ln日</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The last update did not complete.</source>
        <translation>前回の更新は完了していません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>None</source>
        <translation>なし</translation>
    </message>
</context>
<context>
    <name>Patchboard::DeviceFilterBar</name>
    <message>
        <location filename="../views/devicefilterbar.cpp" line="+59"/>
        <source>Clear filters</source>
        <translation>フィルターをクリア</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove</source>
        <translation>解除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Device ID (IMEI or serial number) starts with…</source>
        <translation>デバイスID（IMEI／シリアル番号）の先頭部分…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Device ID search</source>
        <translation>デバイスID検索</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Any support status</source>
        <translation>すべてのサポート状況</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Ending soon or ended</source>
        <translation>まもなく終了または終了済み</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Support status</source>
        <translation>サポート状況</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any update state</source>
        <translation>すべての更新状態</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Update state</source>
        <translation>更新状態</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Any exception state</source>
        <translation>すべての例外状態</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No exceptions</source>
        <translation>例外なし</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rooted or modified</source>
        <translation>ルート化または改造</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ported to another operator</source>
        <translation>他事業者へ転出</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Any exception</source>
        <translation>いずれかの例外あり</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exception state</source>
        <translation>例外状態</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manufacturer</source>
        <translation>メーカー</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>地域</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Filter problem</source>
        <translation>フィルターの問題</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show every device of the fleet</source>
        <translation>フリートの全デバイスを表示</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Devices from the Telemetry page</source>
        <translation>テレメトリページからのデバイス</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show these devices without the chart&apos;s selection</source>
        <translation>チャートの選択を適用せずにこれらのデバイスを表示</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the Telemetry selection</source>
        <translation>テレメトリの選択を解除</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>All manufacturers</source>
        <translation>すべてのメーカー</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All regions</source>
        <translation>すべての地域</translation>
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
        <translation>すべてのモデル</translation>
    </message>
    <message>
        <location line="+29"/>
        <source> or </source>
        <translation> または </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manufacturer %1</source>
        <translation>メーカー%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model %1</source>
        <translation>モデル%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region %1</source>
        <translation>地域%1</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>⚑ Devices behind the chart: %1</source>
        <translation>⚑ チャートの対象デバイス: %1</translation>
    </message>
</context>
<context>
    <name>Patchboard::DeviceFormat</name>
    <message numerus="yes">
        <location filename="../models/deviceformat.cpp" line="+67"/>
        <source>Out of date: the security patch level is %Ln day(s) old (the limit is %1).</source>
        <translation>
            <numerusform>更新遅れ：セキュリティパッチレベルが%Ln日経過しています（上限：%1）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln day(s)</source>
        <translation>
            <numerusform>%Ln日</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Support ends on %1: plan to replace this device.</source>
        <translation>サポートは%1に終了します。このデバイスの交換を計画してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Support ended on %1: this device receives no more security updates and should be replaced.</source>
        <translation>サポートは%1に終了しました。このデバイスにはセキュリティ更新が提供されないため、交換が必要です。</translation>
    </message>
</context>
<context>
    <name>Patchboard::DeviceGateway</name>
    <message>
        <location filename="../services/rollout/devicegateway.cpp" line="+73"/>
        <source>Device %1 was not offered an update by rollout %2.</source>
        <translation>デバイス%1には、ロールアウト%2によるアップデートは提供されていません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check in first, and report only for the offer you got.</source>
        <translation>先にチェックインし、受け取った提供内容についてのみ報告してください。</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Report download, verify, install or reboot with an outcome that phase can have.</source>
        <translation>download、verify、install、rebootを、そのフェーズで取り得る結果とともに報告してください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The report names no rollout.</source>
        <translation>レポートにロールアウトが指定されていません。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Offers are made by the server; a device does not report them.</source>
        <translation>提供はサーバーが行います。デバイスが報告するものではありません。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A download or verification is ok or failed.</source>
        <translation>ダウンロードまたは検証の結果はokかfailedです。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>An installation is ok, failed or postponed.</source>
        <translation>インストールの結果はok、failed、postponedのいずれかです。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A reboot ends the update: succeeded, failed or rolled-back.</source>
        <translation>再起動でアップデートは終了します：succeeded、failed、rolled-backのいずれかです。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A %1 outcome needs a reason.</source>
        <translation>結果「%1」には理由が必要です。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A %1 outcome has no reason.</source>
        <translation>結果「%1」には理由を指定できません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The attempt number %1 is out of range.</source>
        <translation>試行回数%1は範囲外です。</translation>
    </message>
    <message>
        <location line="+180"/>
        <source>prepare the device gateway</source>
        <translation>デバイスゲートウェイの準備</translation>
    </message>
    <message>
        <location line="+55"/>
        <location line="+184"/>
        <source>start a transaction</source>
        <translation>トランザクションの開始</translation>
    </message>
    <message>
        <location line="-147"/>
        <source>record the devices&apos; reports</source>
        <translation>デバイスのレポートの記録</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>read the running rollouts</source>
        <translation>実行中のロールアウトの読み取り</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>read the rollout&apos;s release</source>
        <translation>ロールアウトのリリースの読み取り</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>There is no rollout %1.</source>
        <translation>ロールアウト%1は存在しません。</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>wait for the other server instances</source>
        <translation>他のサーバーインスタンスを待つ</translation>
    </message>
    <message>
        <location line="+190"/>
        <source>Release %1 has no image &apos;%2&apos;.</source>
        <translation>リリース%1にイメージ「%2」がありません。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The files of release %1 are missing on the server.</source>
        <translation>サーバー上にリリース%1のファイルがありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask the operator to import the release again.</source>
        <translation>オペレーターにリリースの再インポートを依頼してください。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The report of the %1 phase comes out of order: the server waits for the %2 phase of this update.</source>
        <translation>%1フェーズのレポートの順序が正しくありません：サーバーはこのアップデートの%2フェーズを待っています。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Report the phases in order: download, verify, install, reboot.</source>
        <translation>フェーズはdownload、verify、install、rebootの順に報告してください。</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>issue device credentials</source>
        <translation>デバイス認証情報の発行</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>There is no device %1.</source>
        <translation>デバイス%1は存在しません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Issue credentials for devices of the fleet.</source>
        <translation>フリートのデバイスの認証情報を発行してください。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The random generator failed.</source>
        <translation>乱数生成器でエラーが発生しました。</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>read the device credentials</source>
        <translation>デバイス認証情報の読み取り</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The device gateway is already open.</source>
        <translation>デバイスゲートウェイはすでに開かれています。</translation>
    </message>
    <message>
        <location line="+137"/>
        <source>Name the devices, or how many (1 to %1) of the first devices.</source>
        <translation>デバイスを指定するか、先頭から何台（1～%1）かを指定してください。</translation>
    </message>
</context>
<context>
    <name>Patchboard::DeviceRow</name>
    <message>
        <location filename="../models/devicerow.cpp" line="+116"/>
        <source>Sequence number %1</source>
        <translation>シーケンス番号%1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Device ID</source>
        <translation>デバイスID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manufacturer</source>
        <translation>メーカー</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Region</source>
        <translation>地域</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Firmware</source>
        <translation>ファームウェア</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Patch level</source>
        <translation>パッチレベル</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Patch age (days)</source>
        <translation>パッチ経過日数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Applied</source>
        <translation>適用日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Support end</source>
        <translation>サポート終了日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Support</source>
        <translation>サポート</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last check-in</source>
        <translation>最終チェックイン</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Update state</source>
        <translation>更新状態</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exceptions</source>
        <translation>例外</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>IMEI or serial number</source>
        <translation>IMEIまたはシリアル番号</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Security patch level as named in the bulletin</source>
        <translation>セキュリティ情報に記載されたセキュリティパッチレベル</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Days from the security patch level to %1</source>
        <translation>セキュリティパッチレベルから%1までの日数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Days since the security patch level</source>
        <translation>セキュリティパッチレベルからの経過日数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Date the patch level was installed</source>
        <translation>パッチレベルが適用された日付</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last day of the model&apos;s security support</source>
        <translation>モデルのセキュリティサポート最終日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rooted or modified software, or ported to another operator (SSU-TES-0030)</source>
        <translation>ルート化・改造されたソフトウェア、または他事業者への転出（SSU-TES-0030）</translation>
    </message>
</context>
<context>
    <name>Patchboard::DeviceScan</name>
    <message>
        <location filename="../services/storage/devicescan.cpp" line="+33"/>
        <source>Loading was cancelled.</source>
        <translation>読み込みがキャンセルされました。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Could not read the devices from &apos;%1&apos;: %2</source>
        <translation>「%1」からデバイスを読み取れませんでした：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file is damaged; restore it from a backup, or choose another file with --database FILE. Nothing was changed.</source>
        <translation>ファイルが破損しています。バックアップから復元するか、--databaseで別のファイルを指定してください。何も変更されていません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check that the disk is readable.</source>
        <translation>ディスクが読み取り可能か確認してください。</translation>
    </message>
    <message>
        <location line="+43"/>
        <location line="+21"/>
        <source>read the devices</source>
        <translation>デバイスの読み取り</translation>
    </message>
</context>
<context>
    <name>Patchboard::DeviceSql</name>
    <message>
        <location filename="../services/storage/devicesql.cpp" line="+41"/>
        <source>read the manufacturers</source>
        <translation>メーカーの読み取り</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>read the hardware models</source>
        <translation>ハードウェアモデルの読み取り</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>read the regions</source>
        <translation>地域の読み取り</translation>
    </message>
</context>
<context>
    <name>Patchboard::DeviceTableModel</name>
    <message>
        <location filename="../models/devicetablemodel.cpp" line="+199"/>
        <source>No device tracker is connected.</source>
        <translation>デバイストラッカーが接続されていません。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The device query was cancelled.</source>
        <translation>デバイスの照会がキャンセルされました。</translation>
    </message>
</context>
<context>
    <name>Patchboard::DevicesPage</name>
    <message>
        <location filename="../views/devicespage.cpp" line="+41"/>
        <source>Export CSV…</source>
        <translation>CSVをエクスポート…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Device count</source>
        <translation>デバイス数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading devices…</source>
        <translation>デバイスを読み込み中…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Query running</source>
        <translation>照会を実行中</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Write the devices matching the filters to a CSV file (Ctrl+E)</source>
        <translation>フィルターに一致するデバイスをCSVファイルに書き出します（Ctrl+E）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Devices</source>
        <translation>デバイス</translation>
    </message>
    <message numerus="yes">
        <location line="+126"/>
        <source>%Ln device(s)</source>
        <comment>the whole fleet</comment>
        <translation>
            <numerusform>%Ln台のデバイス</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1 of %Ln device(s)</source>
        <comment>matching of fleet</comment>
        <translation>
            <numerusform>%Ln台中%1台</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The fleet has no devices yet.</source>
        <translation>フリートにはまだデバイスがありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No devices match these filters.&lt;br&gt;&lt;br&gt;&lt;a href=&quot;clear&quot;&gt;Clear filters&lt;/a&gt;</source>
        <translation>このフィルターに一致するデバイスはありません。&lt;br&gt;&lt;br&gt;&lt;a href=&quot;clear&quot;&gt;フィルターをクリア&lt;/a&gt;</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>devices-%1.csv</source>
        <comment>export file name</comment>
        <translation>devices-%1.csv</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+14"/>
        <source>Export Devices</source>
        <translation>デバイスのエクスポート</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSVファイル (*.csv);;すべてのファイル (*)</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>Exporting %Ln device(s)…</source>
        <translation>
            <numerusform>%Ln台のデバイスをエクスポート中…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Exported %Ln device(s) to %1.</source>
        <translation>
            <numerusform>%Ln台のデバイスを%1にエクスポートしました。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Patchboard::EventWriter</name>
    <message>
        <location filename="../services/telemetry/eventwriter.cpp" line="+61"/>
        <location line="+69"/>
        <source>record the update events</source>
        <translation>アップデートイベントの記録</translation>
    </message>
</context>
<context>
    <name>Patchboard::FirmwareAdministration</name>
    <message>
        <location filename="../services/firmware/firmwareadministration.cpp" line="+29"/>
        <source>Say why you %1: the reason is recorded with the change.</source>
        <translation>%1理由を入力してください。理由は変更とともに記録されます。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>vendor ID</source>
        <translation>ベンダーID</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>remove the key</source>
        <translation>鍵を削除する</translation>
    </message>
</context>
<context>
    <name>Patchboard::FleetIndex</name>
    <message>
        <location filename="../services/tracker/fleetindex.cpp" line="+147"/>
        <source>The database &apos;%1&apos; has %2 with an invalid id.</source>
        <translation>データベース「%1」に無効なIDの%2があります。</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+67"/>
        <source>The file is damaged; restore it from a backup.</source>
        <translation>ファイルが破損しています。バックアップから復元してください。</translation>
    </message>
    <message>
        <location line="-62"/>
        <source>a hardware model</source>
        <translation>ハードウェアモデル</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>a region</source>
        <translation>地域</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>read the firmware versions</source>
        <translation>ファームウェアバージョンの読み取り</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>a firmware version</source>
        <translation>ファームウェアバージョン</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>count the devices</source>
        <translation>デバイスの集計</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The database &apos;%1&apos; has a device (%2) that refers to an unknown model, region or firmware.</source>
        <translation>データベース「%1」に、不明なモデル、地域、またはファームウェアを参照するデバイス（%2）があります。</translation>
    </message>
</context>
<context>
    <name>Patchboard::FleetSimulator</name>
    <message>
        <location filename="../services/simulation/fleetsimulator.cpp" line="+189"/>
        <source>record the simulated devices&apos; reports</source>
        <translation>シミュレートしたデバイスのレポートの記録</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>read the hardware models</source>
        <translation>ハードウェアモデルの読み取り</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>read the regions</source>
        <translation>地域の読み取り</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>read the firmware builds</source>
        <translation>ファームウェアビルドの読み取り</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>read the active rollouts</source>
        <translation>アクティブなロールアウトの読み取り</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>read the rollout</source>
        <translation>ロールアウトの読み取り</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>read the release&apos;s builds</source>
        <translation>リリースのビルドの読み取り</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>read the rollout waves</source>
        <translation>ロールアウトのウェーブの読み取り</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>read the rollout&apos;s devices</source>
        <translation>ロールアウトのデバイスの読み取り</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>read the rollout states</source>
        <translation>ロールアウトの状態の読み取り</translation>
    </message>
</context>
<context>
    <name>Patchboard::InventoryCatalog</name>
    <message>
        <location filename="../services/tracker/inventorycatalog.cpp" line="+32"/>
        <source>read the hardware models</source>
        <translation>ハードウェアモデルの読み取り</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>read the regions</source>
        <translation>地域の読み取り</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>read the firmware versions</source>
        <translation>ファームウェアバージョンの読み取り</translation>
    </message>
</context>
<context>
    <name>Patchboard::InventoryImport</name>
    <message>
        <location filename="../services/tracker/inventoryimport.cpp" line="+39"/>
        <source>Nothing was imported. Choose the CSV file your CRM or device-management tool exported.</source>
        <translation>何もインポートされていません。CRMまたはデバイス管理ツールがエクスポートしたCSVファイルを選択してください。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The import was cancelled; no device was changed.</source>
        <translation>インポートはキャンセルされました。デバイスは変更されていません。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is a folder, not a CSV file.</source>
        <translation>%1はフォルダーです。CSVファイルではありません。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cannot read %1: %2</source>
        <translation>%1を読み取れません：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the file name and that you may read the file.</source>
        <translation>ファイル名と、ファイルの読み取り権限があることを確認してください。</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+5"/>
        <source>%1 cannot be imported: %2</source>
        <translation>%1をインポートできません：%2</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>%1 is empty.</source>
        <translation>%1は空です。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The first line of %1 has a single column: it is not a CSV file with semicolons, commas or tabs between the values.</source>
        <translation>%1の1行目には列が1つしかありません。値がセミコロン、カンマ、タブで区切られたCSVファイルではありません。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Column %1</source>
        <translation>列%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 has a header line but no device rows.</source>
        <translation>%1にはヘッダー行がありますが、デバイスの行がありません。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>look up the devices</source>
        <translation>デバイスの検索</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Nothing was imported.</source>
        <translation>何もインポートされていません。</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Device %1 is on line %2 already; a device is imported from one line only.</source>
        <translation>デバイス%1はすでに%2行目にあります。1台のデバイスは1行からのみインポートされます。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Device %1 is in the database already, and updating known devices was not chosen.</source>
        <translation>デバイス%1はすでにデータベースにありますが、既存のデバイスを更新する設定が選択されていません。</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Cannot write %1: %2</source>
        <translation>%1に書き込めません：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a folder you can write to.</source>
        <translation>書き込み可能なフォルダーを選択してください。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Writing %1 failed: %2</source>
        <translation>%1の書き込みに失敗しました：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that the disk is not full.</source>
        <translation>ディスクの空き容量を確認してください。</translation>
    </message>
</context>
<context>
    <name>Patchboard::InventoryImportBackend</name>
    <message>
        <location filename="../services/tracker/inventoryimportbackend.cpp" line="+49"/>
        <source>No fleet database is open for the import.</source>
        <translation>インポート用のフリートデータベースが開かれていません。</translation>
    </message>
    <message numerus="yes">
        <location line="+96"/>
        <source>Checking: %Ln row(s) read (%1 of %2 MB)</source>
        <translation>
            <numerusform>チェック中：%Ln行を読み込み済み（%2 MB中%1 MB）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Waiting for the database (another program writes)…</source>
        <translation>データベースを待機中（別のプログラムが書き込み中）…</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Writing: %1 of %Ln device(s)</source>
        <translation>
            <numerusform>書き込み中：%Ln台中%1台</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Patchboard::InventoryImportDialog</name>
    <message>
        <location filename="../views/inventoryimportdialog.cpp" line="+68"/>
        <source>&amp;Browse…</source>
        <translation>参照(&amp;B)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Update devices that are already in the database</source>
        <translation>データベースにある既存のデバイスを更新(&amp;U)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>E&amp;xport Report…</source>
        <translation>レポートをエクスポート(&amp;X)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+212"/>
        <source>Import Devices</source>
        <translation>デバイスのインポート</translation>
    </message>
    <message>
        <location line="-211"/>
        <source>Add or update devices from the inventory your CRM or device-management tool exported as CSV. Every row is checked first; the devices are written all together, or not at all.</source>
        <translation>CRMまたはデバイス管理ツールがCSVでエクスポートしたインベントリから、デバイスを追加または更新します。最初にすべての行をチェックし、デバイスはまとめて書き込まれるか、まったく書き込まれないかのどちらかです。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>CSV file to import</source>
        <translation>インポートするCSVファイル</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Path of the CSV file</source>
        <translation>CSVファイルのパス</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Browse for the CSV file</source>
        <translation>CSVファイルを参照</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detected file format</source>
        <translation>検出されたファイル形式</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;File:</source>
        <translation>ファイル(&amp;F)：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>A device already in the database gets the file&apos;s values (its update state stays). Without this, such a row is a problem and nothing is imported.</source>
        <translation>データベースにすでにあるデバイスには、ファイルの値が適用されます（更新状態は維持されます）。このオプションがオフの場合、そのような行は問題として扱われ、何もインポートされません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>* required; the patch level or the firmware version is needed too.</source>
        <translation>* 必須。パッチレベルまたはファームウェアバージョンのいずれかも必要です。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Preview of the first rows</source>
        <translation>先頭行のプレビュー</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Preview</source>
        <translation>プレビュー</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+15"/>
        <source>Validation report</source>
        <translation>検証レポート</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Validate checks every row: IMEI check digits, models, regions, firmware builds, dates, duplicates. Problems are listed here by line.</source>
        <translation>検証では、IMEIのチェックディジット、モデル、地域、ファームウェアビルド、日付、重複など、すべての行をチェックします。問題はここに行ごとに表示されます。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saves the problems as a CSV file, to fix them at the source.</source>
        <translation>問題をCSVファイルに保存し、元データで修正できるようにします。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Import progress</source>
        <translation>インポートの進行状況</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Import status</source>
        <translation>インポートの状態</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Validate</source>
        <translation>検証(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import</source>
        <translation>インポート(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel</source>
        <translation>キャンセル(&amp;C)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stops the check or the import; nothing is changed.</source>
        <translation>チェックまたはインポートを中止します。何も変更されません。</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>The import had finished before it could be cancelled: %1</source>
        <translation>キャンセルする前にインポートが完了していました：%1</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSVファイル (*.csv *.txt);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Reading %1…</source>
        <translation>%1を読み込み中…</translation>
    </message>
    <message numerus="yes">
        <location line="+20"/>
        <source>Encoding: %1 · Separator: %2 · Size: %3 · %Ln column(s)</source>
        <translation>
            <numerusform>エンコーディング：%1 · 区切り文字：%2 · サイズ：%3 · %Ln列</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>The first %Ln row(s) as they will be imported.</source>
        <translation>
            <numerusform>先頭%Ln行（インポートされる内容）。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 The file has more; Validate checks them all.</source>
        <translation>%1 ファイルにはさらに行があります。検証ではすべての行をチェックします。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check the columns and the preview, then validate or import.</source>
        <translation>列とプレビューを確認してから、検証またはインポートを行ってください。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Importing %1…</source>
        <translation>%1をインポート中…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checking %1…</source>
        <translation>%1をチェック中…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Cancelling…</source>
        <translation>キャンセル中…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cancelled; no device was changed.</source>
        <translation>キャンセルしました。デバイスは変更されていません。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancelled.</source>
        <translation>キャンセルしました。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Imported %1: %2 added, %3 updated, in %4 s. The Devices page shows them.</source>
        <translation>%1をインポートしました：追加%2台、更新%3台（%4秒）。デバイスページに表示されます。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Every row can be imported (checked in %1 s).</source>
        <translation>すべての行をインポートできます（チェック時間：%1秒）。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln problem(s) found; see the report. Fix them in the file and try again.</source>
        <translation>
            <numerusform>%Ln件の問題が見つかりました。レポートを確認してください。ファイル内の問題を修正してから、もう一度お試しください。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing was imported: %1</source>
        <translation>何もインポートされていません：%1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1-problems.csv</source>
        <comment>file name</comment>
        <translation>%1-problems.csv</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export Validation Report</source>
        <translation>検証レポートのエクスポート</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation>CSVファイル (*.csv)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Report written to %1.</source>
        <translation>レポートを%1に書き出しました。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>No operator is signed in.</source>
        <translation>オペレーターがサインインしていません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checks every row; nothing is written.</source>
        <translation>すべての行をチェックします。何も書き込まれません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checks every row and writes them all in one transaction, or nothing when a row has a problem.</source>
        <translation>すべての行をチェックし、1つのトランザクションでまとめて書き込みます。問題のある行がある場合は何も書き込みません。</translation>
    </message>
</context>
<context>
    <name>Patchboard::InventoryMapping</name>
    <message>
        <location filename="../services/tracker/inventorymapping.cpp" line="+178"/>
        <source>Choose the column that holds the %1.</source>
        <translation>%1を含む列を選択してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file has no column %1 for the %2.</source>
        <translation>ファイルには%2用の列%1がありません。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose the column of the patch level or of the firmware version: one of them is needed.</source>
        <translation>パッチレベルまたはファームウェアバージョンの列を選択してください。いずれかが必要です。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Column %1 is chosen for both the %2 and the %3.</source>
        <translation>列%1が%2と%3の両方に選択されています。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>device ID</source>
        <translation>デバイスID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>manufacturer</source>
        <translation>メーカー</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>hardware model</source>
        <translation>ハードウェアモデル</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>region</source>
        <translation>地域</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>firmware version</source>
        <translation>ファームウェアバージョン</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>patch level</source>
        <translation>パッチレベル</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>date patch applied</source>
        <translation>パッチ適用日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>last check-in</source>
        <translation>最終チェックイン</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>exceptions</source>
        <translation>例外</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rooted flag</source>
        <translation>ルート化フラグ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ported flag</source>
        <translation>転出フラグ</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A 15-digit IMEI with a valid check digit, or a serial number of 4 to 64 letters, digits and - _ . / : with at least one letter.</source>
        <translation>チェックディジットが正しい15桁のIMEI、または英字を1文字以上含む4～64文字のシリアル番号（英字、数字、- _ . / :）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Optional: the maker, when the model column has the model name alone.</source>
        <translation>任意：モデル列にモデル名のみが含まれる場合のメーカー。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A hardware model Patchboard knows, by name, with or without the manufacturer.</source>
        <translation>Patchboardが認識しているハードウェアモデルの名前（メーカー名の有無は問いません）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A region Patchboard knows, by code (DE) or name (Germany).</source>
        <translation>Patchboardが認識している地域のコード（DE）または名前（Germany）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A firmware build Patchboard knows for the model. When empty, the newest build with the device&apos;s patch level or older.</source>
        <translation>Patchboardがそのモデルについて認識しているファームウェアビルド。空の場合は、デバイスのパッチレベル以前で最新のビルド。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The security patch level, YYYY-MM-DD. When empty, the firmware build&apos;s.</source>
        <translation>セキュリティパッチレベル（YYYY-MM-DD）。空の場合は、ファームウェアビルドのパッチレベル。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>YYYY-MM-DD. When empty: kept for a known device, the build&apos;s release date for a new one.</source>
        <translation>YYYY-MM-DD。空の場合：既存のデバイスは維持、新しいデバイスはビルドのリリース日。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss] with Z or an offset (UTC without). When empty: kept, or the time of the import for a new device.</source>
        <translation>YYYY-MM-DD、またはZかオフセット付きのYYYY-MM-DDThh:mm[:ss]（なしの場合はUTC）。空の場合：維持、新しいデバイスはインポート時刻。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>rooted, ported, both (rooted|ported) or none. When empty: kept, or none.</source>
        <translation>rooted、ported、both（rooted|ported）、またはnone。空の場合：維持、またはnone。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>yes/no, true/false or 1/0. When empty: kept, or no.</source>
        <translation>yes/no、true/false、または1/0。空の場合：維持、またはno。</translation>
    </message>
</context>
<context>
    <name>Patchboard::InventoryMappingEditor</name>
    <message>
        <location filename="../views/inventorymappingeditor.cpp" line="+48"/>
        <source>CSV column of the %1</source>
        <translation>%1のCSV列</translation>
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
        <translation>（ファイルにありません）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2</source>
        <comment>column number: column name</comment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+96"/>
        <source>Patchboard field</source>
        <translation>Patchboardのフィールド</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CSV column</source>
        <translation>CSV列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>First row</source>
        <translation>先頭行</translation>
    </message>
</context>
<context>
    <name>Patchboard::InventoryPreviewModel</name>
    <message>
        <location filename="../models/inventorypreviewmodel.cpp" line="+115"/>
        <source>%1 (from the patch level)</source>
        <translation>%1（パッチレベルから）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(kept)</source>
        <translation>（維持）</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 (build released)</source>
        <translation>%1（ビルドのリリース日）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(time of the import)</source>
        <translation>（インポート時刻）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Device %1 is on an earlier line already.</source>
        <translation>デバイス%1はすでに前の行にあります。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Device %1 is in the database already, and updating known devices is not chosen.</source>
        <translation>デバイス%1はすでにデータベースにありますが、既存のデバイスを更新する設定が選択されていません。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>(empty)</source>
        <translation>（空）</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n件の問題</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add</source>
        <translation>追加</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Device ID</source>
        <translation>デバイスID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Region</source>
        <translation>地域</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Firmware</source>
        <translation>ファームウェア</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Patch level</source>
        <translation>パッチレベル</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Patch applied</source>
        <translation>パッチ適用日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last check-in</source>
        <translation>最終チェックイン</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Exceptions</source>
        <translation>例外</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import</source>
        <translation>インポート</translation>
    </message>
</context>
<context>
    <name>Patchboard::InventoryProblem</name>
    <message>
        <location filename="../services/tracker/inventoryproblem.cpp" line="+24"/>
        <source>too many values</source>
        <translation>値が多すぎる</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>missing value</source>
        <translation>値がない</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not UTF-8 text</source>
        <translation>UTF-8テキストではない</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bad IMEI check digit</source>
        <translation>IMEIのチェックディジットが不正</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>bad device ID</source>
        <translation>不正なデバイスID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unknown hardware model</source>
        <translation>不明なハードウェアモデル</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ambiguous hardware model</source>
        <translation>あいまいなハードウェアモデル</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unknown region</source>
        <translation>不明な地域</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unknown firmware version</source>
        <translation>不明なファームウェアバージョン</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>malformed date</source>
        <translation>不正な日付形式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>date in the future</source>
        <translation>未来の日付</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unknown exception flag</source>
        <translation>不明な例外フラグ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>duplicate device ID</source>
        <translation>重複したデバイスID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>device already known</source>
        <translation>既存のデバイス</translation>
    </message>
</context>
<context>
    <name>Patchboard::InventoryReportModel</name>
    <message numerus="yes">
        <location filename="../models/inventoryreportmodel.cpp" line="+31"/>
        <source>%Ln row(s)</source>
        <translation>
            <numerusform>%Ln行</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 new, %2 to update</source>
        <translation>新規%1台、更新%2台</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Imported %1: %2.</source>
        <translation>%1をインポートしました：%2。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No problems in %1: %2. Import writes them.</source>
        <translation>%1に問題はありません：%2。インポートすると書き込まれます。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln problem(s) in %1; nothing can be imported until they are fixed.</source>
        <translation>
            <numerusform>%1に%Ln件の問題があります。修正するまでインポートできません。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The first %1 are listed.</source>
        <translation>最初の%1件を表示しています。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>(whole row)</source>
        <translation>（行全体）</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Problem</source>
        <translation>問題</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>Patchboard::InventoryValidator</name>
    <message>
        <location filename="../services/tracker/inventoryvalidator.cpp" line="+71"/>
        <source>%1 (%2)</source>
        <comment>region name (code)</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+133"/>
        <source>The row has %1 values, the header %2 columns: a value with a %3 in it must be in double quotes.</source>
        <translation>この行には値が%1個ありますが、ヘッダーの列は%2個です。%3を含む値は二重引用符で囲む必要があります。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The value is not UTF-8 text; save the file as UTF-8 and import it again.</source>
        <translation>値がUTF-8テキストではありません。ファイルをUTF-8で保存してから、もう一度インポートしてください。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The %1 is empty.</source>
        <translation>%1が空です。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Several manufacturers make a model named %1; map the manufacturer column or write the manufacturer before the model.</source>
        <translation>%1という名前のモデルは複数のメーカーが製造しています。メーカーの列を割り当てるか、モデルの前にメーカー名を記入してください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Patchboard knows no hardware model named %1; models are not created by an import (they need a launch date and a support period).</source>
        <translation>Patchboardは%1という名前のハードウェアモデルを認識していません。モデルはインポートでは作成されません（発売日とサポート期間が必要なため）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Patchboard knows no region with the code or name %1; regions are not created by an import (maintenance windows need their time zone).</source>
        <translation>Patchboardはコードまたは名前が%1の地域を認識していません。地域はインポートでは作成されません（メンテナンス時間帯にタイムゾーンが必要なため）。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The patch level %1 is in the future.</source>
        <translation>パッチレベル%1は未来の日付です。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Patchboard knows no firmware build of %1.</source>
        <translation>Patchboardは%1のファームウェアビルドを認識していません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is not a firmware build of %2 that Patchboard knows (the newest: %3).</source>
        <translation>%1は、Patchboardが認識している%2のファームウェアビルドではありません（最新：%3）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The row has neither a patch level nor a firmware version.</source>
        <translation>この行にはパッチレベルもファームウェアバージョンもありません。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No firmware build of %1 that Patchboard knows has the patch level %2 or an older one; give the firmware version.</source>
        <translation>Patchboardが認識している%1のファームウェアビルドに、パッチレベルが%2以前のものはありません。ファームウェアバージョンを指定してください。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The patch was applied on %1, in the future.</source>
        <translation>パッチ適用日%1は未来の日付です。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The last check-in %1 is in the future.</source>
        <translation>最終チェックイン%1は未来の日時です。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 is not an exception Patchboard knows; write rooted, ported, both (rooted|ported) or none.</source>
        <translation>%1はPatchboardが認識している例外ではありません。rooted、ported、both（rooted|ported）、またはnoneを記入してください。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 is not yes or no (also true/false, 1/0).</source>
        <translation>%1はyesまたはnoではありません（true/false、1/0も使用できます）。</translation>
    </message>
</context>
<context>
    <name>Patchboard::InventoryValues</name>
    <message numerus="yes">
        <location filename="../services/tracker/inventoryvalues.cpp" line="+114"/>
        <source>A numeric device ID is an IMEI of 15 digits; %1 has %n digit(s).</source>
        <translation>
            <numerusform>数字のみのデバイスIDは15桁のIMEIです。%1は%n桁です。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>IMEI %1 has the check digit %2, but its first 14 digits give %3 (Luhn): a digit is wrong.</source>
        <translation>IMEI %1のチェックディジットは%2ですが、先頭14桁から計算すると%3になります（Luhn）。いずれかの桁が誤っています。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 looks like an IMEI a spreadsheet turned into a rounded number; export the column as text.</source>
        <translation>%1は、表計算ソフトによって丸められた数値に変換されたIMEIのようです。列をテキストとしてエクスポートしてください。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 is neither an IMEI (15 digits) nor a serial number (4 to 64 letters, digits and - _ . / : with at least one letter).</source>
        <translation>%1はIMEI（15桁）でもシリアル番号（英字、数字、- _ . / :からなる4～64文字で、英字を1文字以上含む）でもありません。</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>%1 is not a date in the form YYYY-MM-DD; day and month orders differ between countries, so it is not guessed.</source>
        <translation>%1はYYYY-MM-DD形式の日付ではありません。日と月の順序は国によって異なるため、推測は行いません。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 is not a day of the calendar.</source>
        <translation>%1は暦に存在しない日付です。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is not a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDThh:mm:ss, with Z or an offset).</source>
        <translation>%1は日付（YYYY-MM-DD）でも日時（YYYY-MM-DDThh:mm:ss、Zまたはオフセット付き）でもありません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is not a date in the form YYYY-MM-DD.</source>
        <translation>%1はYYYY-MM-DD形式の日付ではありません。</translation>
    </message>
</context>
<context>
    <name>Patchboard::InventoryWriter</name>
    <message>
        <location filename="../services/tracker/inventorywriter.cpp" line="+34"/>
        <source>The import was cancelled; no device was changed.</source>
        <translation>インポートはキャンセルされました。デバイスは変更されていません。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>start writing the devices</source>
        <translation>デバイスの書き込み開始</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>add a device</source>
        <translation>デバイスの追加</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>update a device</source>
        <translation>デバイスの更新</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Device %1 could not be added, so no device was changed: %2</source>
        <translation>デバイス%1を追加できなかったため、デバイスは変更されていません：%2</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Device %1 could not be updated, so no device was changed: %2</source>
        <translation>デバイス%1を更新できなかったため、デバイスは変更されていません：%2</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>save the devices</source>
        <translation>デバイスの保存</translation>
    </message>
</context>
<context>
    <name>Patchboard::LocalFirmwareBackend</name>
    <message>
        <location filename="../services/firmware/localfirmwarebackend.cpp" line="+33"/>
        <source>No fleet database is open.</source>
        <translation>フリートデータベースが開かれていません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a database first (see --database).</source>
        <translation>先にデータベースを開いてください（--databaseを参照）。</translation>
    </message>
</context>
<context>
    <name>Patchboard::LocalRolloutBackend</name>
    <message>
        <location filename="../services/rollout/localrolloutbackend.cpp" line="+56"/>
        <source>The rollout database is not open.</source>
        <translation>ロールアウトデータベースが開かれていません。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This rollout engine plays no simulated devices: real devices report over the device API.</source>
        <translation>このロールアウトエンジンはシミュレートされたデバイスを動かしません：実際のデバイスがデバイスAPI経由で報告します。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use patchboard-fleetsim to simulate devices against the server.</source>
        <translation>サーバーに対してデバイスをシミュレートするには、patchboard-fleetsimを使用してください。</translation>
    </message>
    <message>
        <location line="+61"/>
        <location line="+540"/>
        <source>save the simulator settings</source>
        <translation>シミュレーター設定の保存</translation>
    </message>
    <message>
        <location line="-531"/>
        <source>count the active rollouts</source>
        <translation>アクティブなロールアウトの集計</translation>
    </message>
    <message>
        <location line="+65"/>
        <location line="+59"/>
        <source>start a transaction</source>
        <translation>トランザクションの開始</translation>
    </message>
    <message>
        <location line="-53"/>
        <source>take the rollout engine&apos;s lease</source>
        <translation>ロールアウトエンジンのリースの取得</translation>
    </message>
    <message>
        <location line="+31"/>
        <location line="+49"/>
        <source>record the rollout step</source>
        <translation>ロールアウトステップの記録</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>set up the connection</source>
        <translation>接続を設定</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>read the simulator settings</source>
        <translation>シミュレーター設定の読み取り</translation>
    </message>
    <message>
        <location line="+270"/>
        <source>The simulation speed must be 0 (as fast as possible) or positive.</source>
        <translation>シミュレーション速度は0（最速）または正の値にしてください。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A failure rate lies between 0 and 100%.</source>
        <translation>失敗率は0～100%の範囲で指定してください。</translation>
    </message>
</context>
<context>
    <name>Patchboard::LocalTelemetryBackend</name>
    <message>
        <location filename="../services/telemetry/localtelemetrybackend.cpp" line="+26"/>
        <source>The telemetry database is not open.</source>
        <translation>テレメトリデータベースが開かれていません。</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>read the telemetry</source>
        <translation>テレメトリの読み込み</translation>
    </message>
</context>
<context>
    <name>Patchboard::LocalTrackerBackend</name>
    <message>
        <location filename="../services/tracker/localtrackerbackend.cpp" line="+38"/>
        <source>No fleet database is open.</source>
        <translation>フリートデータベースが開かれていません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a database first (see --database).</source>
        <translation>先にデータベースを開いてください（--databaseを参照）。</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>Embedded database: %1</source>
        <translation>組み込みデータベース: %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>look into the database</source>
        <translation>データベースの確認</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>count the devices</source>
        <translation>デバイスの集計</translation>
    </message>
    <message>
        <location line="+108"/>
        <source>A page of devices starts at 0 and has at most 100000 rows.</source>
        <translation>デバイスのページは0から始まり、最大100000行です。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>count the matching devices</source>
        <translation>一致するデバイスの集計</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>read the matching devices</source>
        <translation>一致するデバイスの読み取り</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>read the device</source>
        <translation>デバイスの読み取り</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The device no longer exists.</source>
        <translation>このデバイスはもう存在しません。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>read the update history</source>
        <translation>更新履歴の読み取り</translation>
    </message>
</context>
<context>
    <name>Patchboard::LoginDialog</name>
    <message>
        <location filename="../views/logindialog.cpp" line="+30"/>
        <source>Sign In — Patchboard</source>
        <translation>サインイン — Patchboard</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Server</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User name</source>
        <translation>ユーザー名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sign-in problem</source>
        <translation>サインインの問題</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Server:</source>
        <translation>サーバー：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User:</source>
        <translation>ユーザー(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password:</source>
        <translation>パスワード(&amp;P)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign in as an operator of the server. What you may do follows the role the server gives you.</source>
        <translation>サーバーのオペレーターとしてサインインします。実行できる操作は、サーバーから割り当てられたロールによって決まります。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Sign In</source>
        <translation>サインイン(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Signing in to %1…</source>
        <translation>%1にサインインしています…</translation>
    </message>
</context>
<context>
    <name>Patchboard::MainWindow</name>
    <message>
        <location filename="../views/mainwindow.cpp" line="+70"/>
        <source>Pages</source>
        <translation>ページ</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Devices</source>
        <translation>デバイス</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compliance</source>
        <translation>コンプライアンス</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>No device tracker</source>
        <translation>デバイストラッカーなし</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Loading devices…</source>
        <translation>デバイスを読み込み中…</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>Releases</source>
        <translation>リリース</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rollouts</source>
        <translation>ロールアウト</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The rollout engine could not advance: %1</source>
        <translation>ロールアウト エンジンを進められませんでした: %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Telemetry</source>
        <translation>テレメトリ</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Audit Log</source>
        <translation>監査ログ</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Database state</source>
        <translation>データベースの状態</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No database</source>
        <translation>データベースなし</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Backend</source>
        <translation>バックエンド</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Operator</source>
        <translation>オペレーター</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who acts, and in which role (File &gt; Switch Operator)</source>
        <translation>操作するユーザーとそのロール（ファイル &gt; オペレーターの切り替え）</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>%1 — Patchboard</source>
        <translation>%1 — Patchboard</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Patchboard — Rollouts</source>
        <translation>Patchboard — ロールアウト</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Compliance &amp;Report…</source>
        <translation>コンプライアンスレポート(&amp;R)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A PDF for a date: patch ages, support status, decisions and rollouts (Ctrl+R)</source>
        <translation>指定した日付の PDF: パッチ経過日数、サポート状況、判断、ロールアウト（Ctrl+R）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Wall Screen</source>
        <translation>ウォールスクリーン(&amp;W)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every active rollout, full screen and read-only, for the operations room (F11; Esc leaves)</source>
        <translation>すべてのアクティブなロールアウトを、運用室向けにフルスクリーン・読み取り専用で表示します（F11、Esc で終了）</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>&amp;Rollout</source>
        <translation>ロールアウト(&amp;R)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;New Rollout…</source>
        <translation>新規ロールアウト(&amp;N)…</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Audit log broken at entry %1</source>
        <translation>監査ログがエントリ%1で壊れています</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Database OK</source>
        <translation>データベース正常</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The last answer from the fleet database came back fine.</source>
        <translation>フリートデータベースからの直近の応答は正常でした。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Database error: %1</source>
        <translation>データベースエラー：%1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Operator: %1</source>
        <translation>オペレーター：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No operator</source>
        <translation>オペレーターなし</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Devices are imported on the embedded database only; on a server, the server&apos;s administrator imports them.</source>
        <translation>デバイスをインポートできるのは組み込みデータベースの場合のみです。サーバーの場合は、サーバーの管理者がインポートします。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This backend cannot import devices.</source>
        <translation>このバックエンドはデバイスをインポートできません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add or update devices from the CSV file your CRM or device-management tool exported</source>
        <translation>CRMまたはデバイス管理ツールがエクスポートしたCSVファイルから、デバイスを追加または更新します</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 (%2)</source>
        <comment>what an action does (its shortcut)</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Imported %1: %2 device(s) added, %3 updated.</source>
        <translation>%1をインポートしました：追加%2台、更新%3台。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Import Devices…</source>
        <translation>デバイスをインポート(&amp;I)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Export Devices as CSV…</source>
        <translation>デバイスをCSVでエクスポート(&amp;E)…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>S&amp;witch Operator…</source>
        <translation>オペレーターの切り替え(&amp;W)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find Device…</source>
        <translation>デバイスを検索(&amp;F)…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connection, operator, theme and language, compliance limits and rollout defaults (%1)</source>
        <translation>接続、オペレーター、テーマと言語、コンプライアンスの上限、ロールアウトの既定値（%1）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Go</source>
        <translation>移動(&amp;G)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Patchboard</source>
        <translation>Patchboardについて(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About &amp;Qt</source>
        <translation>Qtについて(&amp;Q)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>About Patchboard</source>
        <translation>Patchboardについて</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;h3&gt;Patchboard %1&lt;/h3&gt;&lt;p&gt;A console for keeping fleets of cellular and IoT devices patched: security patch levels, end of support, releases and staged rollouts, following ITU-T X.secup-iot and the GSMA security update guidelines.&lt;/p&gt;&lt;p&gt;Backend: %2&lt;/p&gt;&lt;p&gt;Licensed under the Apache License 2.0.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Patchboard %1&lt;/h3&gt;&lt;p&gt;セルラー／IoTデバイスのフリートを最新のパッチ状態に保つためのコンソールです。セキュリティパッチレベル、サポート終了、リリース、段階的ロールアウトを、ITU-T X.secup-iotおよびGSMAのセキュリティアップデートガイドラインに沿って管理します。&lt;/p&gt;&lt;p&gt;バックエンド：%2&lt;/p&gt;&lt;p&gt;Apache License 2.0の下でライセンスされています。&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>On a server you act as the operator you signed in as, in the role the server gives; sign in as another user to act as them.</source>
        <translation>サーバーでは、サインインしたオペレーターとして、サーバーから割り当てられたロールで操作します。別のユーザーとして操作するには、そのユーザーでサインインしてください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Who acts, and in which role, as the server signed you in</source>
        <translation>サーバーにサインインしたオペレーターとそのロール</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Signed in as %1.</source>
        <translation>%1としてサインインしています。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>connecting</source>
        <translation>接続中</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>online</source>
        <translation>オンライン</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>offline</source>
        <translation>オフライン</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>signed out</source>
        <translation>サインアウト済み</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Server: %1 — %2</source>
        <comment>server address, connection state</comment>
        <translation>サーバー：%1 — %2</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%Ln device(s)</source>
        <translation>
            <numerusform>%Ln台のデバイス</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1 of %Ln device(s)</source>
        <translation>
            <numerusform>%Ln台中%1台</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Patchboard::ModelComplianceModel</name>
    <message numerus="yes">
        <location filename="../models/modelcompliancemodel.cpp" line="+110"/>
        <source>Devices of this model whose patch level is older than %Ln day(s); click to list them.</source>
        <translation>
            <numerusform>パッチレベルが%Ln日より古い、このモデルのデバイス。クリックすると一覧表示します。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Click to list the devices of %1 %2.</source>
        <translation>クリックすると%1 %2のデバイスを一覧表示します。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Rank by number of devices, most popular first (SSU-SEC-0021)</source>
        <translation>デバイス数による順位（多い順、SSU-SEC-0021）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manufacturer</source>
        <translation>メーカー</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Devices</source>
        <translation>デバイス</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Out of date</source>
        <translation>更新遅れ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Out-of-date share</source>
        <translation>更新遅れの割合</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Support end</source>
        <translation>サポート終了日</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Support</source>
        <translation>サポート</translation>
    </message>
</context>
<context>
    <name>Patchboard::NetworkFleet</name>
    <message>
        <location filename="../services/simulation/networkfleet.cpp" line="+556"/>
        <source>Ran %1 s, %2 requests, %3 errors.</source>
        <translation>実行時間%1秒、リクエスト%2件、エラー%3件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check-ins: %1 (%2/s), p50 %3 ms, p99 %4 ms; all requests p50 %5 ms, p99 %6 ms.</source>
        <translation>チェックイン：%1件（%2件/秒）、p50 %3 ms、p99 %4 ms。全リクエスト：p50 %5 ms、p99 %6 ms。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Offers: %1; manifests: %2; images: %3; %4 MB received.</source>
        <translation>提供：%1件、マニフェスト：%2件、イメージ：%3件、受信%4 MB。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Reports: %1.</source>
        <translation>レポート：%1件。</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Devices updated: %1; waiting for their maintenance window: %2.</source>
        <translation>更新済みデバイス：%1台、メンテナンス時間帯待ち：%2台。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Error: %1 (%2 times)</source>
        <translation>エラー：%1（%2回）</translation>
    </message>
</context>
<context>
    <name>Patchboard::NewRolloutDialog</name>
    <message>
        <location filename="../views/newrolloutdialog.cpp" line="+74"/>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 戻る(&amp;B)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Next &gt;</source>
        <translation>次へ(&amp;N) &gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create as D&amp;raft</source>
        <translation>下書きとして作成(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create and &amp;Schedule</source>
        <translation>作成して予約(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New Rollout</source>
        <translation>新規ロールアウト</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+94"/>
        <location line="+21"/>
        <source>Release</source>
        <translation>リリース</translation>
    </message>
    <message>
        <location line="-115"/>
        <location line="+127"/>
        <source>Targets</source>
        <translation>対象</translation>
    </message>
    <message>
        <location line="-127"/>
        <location line="+140"/>
        <source>Waves</source>
        <translation>ウェーブ</translation>
    </message>
    <message>
        <location line="-139"/>
        <location line="+153"/>
        <source>Schedule</source>
        <translation>スケジュール</translation>
    </message>
    <message>
        <location line="-153"/>
        <location line="+197"/>
        <source>End-user notice</source>
        <translation>エンドユーザー向け通知</translation>
    </message>
    <message>
        <location line="-197"/>
        <location line="+15"/>
        <source>Preview</source>
        <translation>プレビュー</translation>
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
        <translation>ステップ</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>What the rollout would do with the fleet as it is now. It can be created once no problem is listed.</source>
        <translation>現在のフリートに対してこのロールアウトが行う内容です。問題が1つも表示されなくなると作成できます。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Preview summary</source>
        <translation>プレビューの概要</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Previous step (Alt+B)</source>
        <translation>前のステップ（Alt+B）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next step (Alt+N)</source>
        <translation>次のステップ（Alt+N）</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Rollout name</source>
        <translation>ロールアウト名</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. November security update, Germany</source>
        <translation>例：11月のセキュリティアップデート（ドイツ）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Release:</source>
        <translation>リリース(&amp;R)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N)：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>An approved release that has not been withdrawn. Test engineers approve releases on the Releases page.</source>
        <translation>取り下げられていない承認済みリリース。リリースはテストエンジニアが「リリース」ページで承認します。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Which devices get the release: all checked models and regions, narrowed by patch level and firmware sequence. Devices already at or above the release&apos;s sequence are always left out (anti-rollback).</source>
        <translation>リリースを受け取るデバイス：チェックしたすべてのモデルと地域のデバイスを、パッチレベルとファームウェアのシーケンスで絞り込みます。リリースのシーケンス以上のデバイスは常に除外されます（ロールバック防止）。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The release is offered wave by wave, the most popular models first. A wave halts the rollout when its failures exceed the error threshold; the next wave starts after the wave succeeded and soaked.</source>
        <translation>リリースはウェーブごとに、台数の多いモデルから順に提供されます。ウェーブの失敗がエラーしきい値を超えるとロールアウトは停止します。次のウェーブは、前のウェーブが成功して観察期間が経過した後に開始されます。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>When the rollout starts once scheduled, when devices may install, and until when devices are offered the release.</source>
        <translation>予約後にロールアウトが開始される日時、デバイスがインストールできる時間帯、リリースをデバイスに提供する期限です。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Notice title</source>
        <translation>通知のタイトル</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Notice summary</source>
        <translation>通知の概要</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Manufacturer fallback for devices the operator cannot reach</source>
        <translation>事業者が到達できないデバイスへのメーカーフォールバック(&amp;M)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SSU-TES-0020: such devices get the update from the manufacturer&apos;s site.</source>
        <translation>SSU-TES-0020：このようなデバイスはメーカーのサイトからアップデートを入手します。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Manufacturer fallback URL</source>
        <translation>メーカーフォールバックのURL</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Title:</source>
        <translation>タイトル(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;ummary:</source>
        <translation>概要(&amp;U)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;URL:</source>
        <translation>URL(&amp;U)：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>What the device&apos;s user reads: that this is a security update (SSU-COM-0020) and which vulnerabilities it fixes (SSU-COM-0030). Prefilled from the release notes.</source>
        <translation>デバイスのユーザーに表示される内容：セキュリティアップデートであること（SSU-COM-0020）と、修正される脆弱性（SSU-COM-0030）。リリースノートから自動入力されます。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>No firmware server is connected: there are no releases to roll out.</source>
        <translation>ファームウェアサーバーが接続されていないため、ロールアウトできるリリースがありません。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 · patch level %2 · %3</source>
        <translation>%1・パッチレベル%2・%3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No approved release is available.</source>
        <translation>利用可能な承認済みリリースがありません。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>%1 release by %2 for %3; sequence %4; approved %5</source>
        <translation>%2の%1リリース（対象：%3）・シーケンス%4・承認日時%5</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 (patch level %2)</source>
        <translation>%1（パッチレベル%2）</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>No approved release is available to roll out.</source>
        <translation>ロールアウトできる承認済みリリースがありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a release.</source>
        <translation>リリースを選択してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give the rollout a name.</source>
        <translation>ロールアウトの名前を入力してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Give the manufacturer&apos;s address for the fallback, or turn it off.</source>
        <translation>フォールバック用のメーカーのアドレスを入力するか、フォールバックをオフにしてください。</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+52"/>
        <source>No rollout service is connected.</source>
        <translation>ロールアウトサービスが接続されていません。</translation>
    </message>
    <message>
        <location line="-47"/>
        <source>Choose a release to see what the rollout would target.</source>
        <translation>リリースを選択すると、ロールアウトの対象が表示されます。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No preview.</source>
        <translation>プレビューはありません。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>The rollout is being created.</source>
        <translation>ロールアウトを作成しています。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The preview failed: %1</source>
        <translation>プレビューに失敗しました：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiting for the preview of the plan as it stands.</source>
        <translation>現在の計画のプレビューを待っています。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The preview lists %Ln problem(s); see the Preview step.</source>
        <translation>
            <numerusform>プレビューに%Ln件の問題があります。「プレビュー」ステップを確認してください。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Create the rollout as a draft: nothing is offered until it is scheduled.</source>
        <translation>ロールアウトを下書きとして作成します。予約するまで何も提供されません。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create the rollout and schedule it: it starts at its start time, or now.</source>
        <translation>ロールアウトを作成して予約します。開始日時に（未指定の場合は直ちに）開始されます。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Preview: choose a release.</source>
        <translation>プレビュー：リリースを選択してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview: updating…</source>
        <translation>プレビュー：更新中…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview failed.</source>
        <translation>プレビューに失敗しました。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Preview: %Ln device(s) targeted</source>
        <translation>
            <numerusform>プレビュー：対象デバイス%Ln台</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source> in %Ln wave(s)</source>
        <translation>
            <numerusform>（%Lnウェーブ）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%Ln problem(s): see the Preview step</source>
        <translation>
            <numerusform>%Ln件の問題：「プレビュー」ステップを参照してください</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%Ln warning(s)</source>
        <translation>
            <numerusform>警告%Ln件</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ready to create</source>
        <translation>作成可能</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Created and scheduled %1.</source>
        <translation>%1を作成して予約しました。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created %1 as a draft.</source>
        <translation>%1を下書きとして作成しました。</translation>
    </message>
</context>
<context>
    <name>Patchboard::Operator</name>
    <message>
        <location filename="../services/domain/operator.cpp" line="+37"/>
        <source>Viewer</source>
        <translation>閲覧者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test engineer</source>
        <translation>テストエンジニア</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rollout manager</source>
        <translation>ロールアウトマネージャー</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Administrator</source>
        <translation>管理者</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>viewer</source>
        <comment>within a sentence</comment>
        <translation>閲覧者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>test engineer</source>
        <comment>within a sentence</comment>
        <translation>テストエンジニア</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>rollout manager</source>
        <comment>within a sentence</comment>
        <translation>ロールアウトマネージャー</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>administrator</source>
        <comment>within a sentence</comment>
        <translation>管理者</translation>
    </message>
</context>
<context>
    <name>Patchboard::OperatorDialog</name>
    <message>
        <location filename="../views/operatordialog.cpp" line="+21"/>
        <source>Switch Operator</source>
        <translation>オペレーターの切り替え</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actions are recorded under this name and role in the release history and the audit log.</source>
        <translation>操作は、この名前とロールでリリース履歴と監査ログに記録されます。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your operator name</source>
        <translation>オペレーター名</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Role:</source>
        <translation>ロール(&amp;R)：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Switch</source>
        <translation>切り替え</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Reads releases, test results and the audit log; changes nothing.</source>
        <translation>リリース、テスト結果、監査ログを閲覧します。変更は一切行いません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Imports releases and bulletin data, records test results, waives cases, approves and rejects releases.</source>
        <translation>リリースとセキュリティ情報データのインポート、テスト結果の記録、テストケースの免除、リリースの承認と却下を行います。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Withdraws approved releases (and schedules rollouts).</source>
        <translation>承認済みリリースの取り下げ（およびロールアウトの計画）を行います。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manages the Author trust store, bulletin data and workflow settings; imports and withdraws releases. Does not approve what the trust store lets in.</source>
        <translation>作成者鍵のトラストストア、セキュリティ情報データ、ワークフロー設定を管理し、リリースのインポートと取り下げを行います。トラストストアが受け入れたリリースを承認することはできません。</translation>
    </message>
</context>
<context>
    <name>Patchboard::OperatorSession</name>
    <message>
        <location filename="../models/operatorsession.cpp" line="+37"/>
        <source> or </source>
        <comment>between role names</comment>
        <translation> または </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No operator is signed in (File &gt; Switch Operator).</source>
        <translation>オペレーターがサインインしていません（ファイル &gt; オペレーターの切り替え）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the role %1 may %2; you act as %3.</source>
        <translation>「%2」を実行できるのは次のロールのみです：%1（現在のロール：%3）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 (%2)</source>
        <comment>operator name, role</comment>
        <translation>%1（%2）</translation>
    </message>
</context>
<context>
    <name>Patchboard::OperatorSessions</name>
    <message>
        <location filename="../services/auth/operatorsessions.cpp" line="+96"/>
        <source>The operator accounts are not open.</source>
        <translation>オペレーターアカウントが開かれていません。</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Too many failed sign-ins. Try again in %n minute(s).</source>
        <translation>
            <numerusform>サインインの失敗が多すぎます。%n分後にもう一度お試しください。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>If you forgot your password, ask an administrator to set a new one.</source>
        <translation>パスワードを忘れた場合は、管理者に新しいパスワードの設定を依頼してください。</translation>
    </message>
    <message>
        <location line="+57"/>
        <location line="+116"/>
        <location line="+63"/>
        <source>read the operator accounts</source>
        <translation>オペレーターアカウントの読み取り</translation>
    </message>
    <message>
        <location line="-138"/>
        <source>No random bytes for a session token.</source>
        <translation>セッショントークン用の乱数バイトを取得できません。</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+16"/>
        <source>open a session</source>
        <translation>セッションの開始</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>remove expired sessions</source>
        <translation>期限切れセッションの削除</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+15"/>
        <source>end a session</source>
        <translation>セッションの終了</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>read the sessions</source>
        <translation>セッションの読み取り</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>An operator named %1 exists already.</source>
        <translation>%1という名前のオペレーターはすでに存在します。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose another name.</source>
        <translation>別の名前を選択してください。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>add an operator</source>
        <translation>オペレーターの追加</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>add the operator %1</source>
        <translation>オペレーター%1の追加</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>disable an operator</source>
        <translation>オペレーターの無効化</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>disable the operator %1</source>
        <translation>オペレーター%1の無効化</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There is no operator named %1.</source>
        <translation>%1という名前のオペレーターは存在しません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the name (it is case-sensitive).</source>
        <translation>名前を確認してください（大文字と小文字は区別されます）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>end the sessions of %1</source>
        <translation>%1のセッションの終了</translation>
    </message>
    <message>
        <location line="+164"/>
        <source>&quot;%1&quot; cannot be an operator name.</source>
        <translation>「%1」はオペレーター名として使用できません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use 1 to %1 characters, without spaces at either end and without control characters.</source>
        <translation>1～%1文字で、先頭と末尾に空白を含めず、制御文字を使用しないでください。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The password of %1 is too short.</source>
        <translation>%1のパスワードが短すぎます。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Use at least %n characters.</source>
        <translation>
            <numerusform>%n文字以上にしてください。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+78"/>
        <source>The user name or the password is wrong.</source>
        <translation>ユーザー名またはパスワードが正しくありません。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Check both and try again. After %n failed attempts, sign-in is locked for a while.</source>
        <translation>
            <numerusform>両方を確認して、もう一度お試しください。%n回失敗すると、しばらくの間サインインがロックされます。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Patchboard::OsvImporter</name>
    <message>
        <location filename="../services/firmware/osvimporter.cpp" line="+72"/>
        <source>%1: not valid JSON (%2).</source>
        <translation>%1：有効なJSONではありません（%2）。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1: a record has no &quot;id&quot;.</source>
        <translation>%1：「id」のないレコードがあります。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1: larger than %2 MiB, skipped.</source>
        <translation>%1：%2 MiBを超えているため、スキップしました。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 holds more than %2 JSON files.</source>
        <translation>%1には%2個を超えるJSONファイルがあります。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1 does not exist.</source>
        <translation>%1は存在しません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give a folder of OSV .json files, one .json file or the OSV .zip export.</source>
        <translation>OSVの.jsonファイルを含むフォルダー、単一の.jsonファイル、またはOSVの.zipエクスポートを指定してください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No OSV records were found in %1.</source>
        <translation>%1にOSVレコードが見つかりませんでした。</translation>
    </message>
</context>
<context>
    <name>Patchboard::PageWatcher</name>
    <message>
        <location filename="../app/desktop/pagewatcher.cpp" line="+143"/>
        <source>--drill-down found no failing model or region to list.</source>
        <translation>--drill-downで一覧表示する、失敗したモデルまたは地域が見つかりませんでした。</translation>
    </message>
    <message>
        <location line="+92"/>
        <source>The dialog or wall screen to save is gone.</source>
        <translation>保存するダイアログまたはウォールスクリーンがもう存在しません。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot write the screenshot %1.</source>
        <translation>スクリーンショット%1を書き込めません。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The New Rollout dialog did not open: it needs --page rollouts and --role rollout-manager. %1</source>
        <translation>「新規ロールアウト」ダイアログが開きませんでした。--page rolloutsと--role rollout-managerが必要です。%1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The Resume dialog did not open: it needs --page rollouts, a paused or halted rollout and --role rollout-manager.</source>
        <translation>「再開」ダイアログが開きませんでした。--page rollouts、一時停止中または停止中のロールアウト、--role rollout-managerが必要です。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The Import Devices dialog did not open: it needs --role administrator.</source>
        <translation>「デバイスのインポート」ダイアログが開きませんでした。--role administratorが必要です。</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The dialog given with --dialog did not open.</source>
        <translation>--dialogで指定したダイアログが開きませんでした。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The wall screen did not open (it needs the rollout service).</source>
        <translation>ウォールスクリーンが開きませんでした（ロールアウトサービスが必要です）。</translation>
    </message>
</context>
<context>
    <name>Patchboard::PasswordHash</name>
    <message>
        <location filename="../services/auth/passwordhash.cpp" line="+92"/>
        <source>PBKDF2 needs at least one iteration and a key length between 1 and 1024 bytes.</source>
        <translation>PBKDF2には、1回以上の反復回数と、1～1024バイトの鍵長が必要です。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>OpenSSL has no PBKDF2: %1</source>
        <translation>OpenSSLにPBKDF2がありません：%1</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>PBKDF2 failed: %1</source>
        <translation>PBKDF2に失敗しました：%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A password hash needs between %1 and %2 iterations.</source>
        <translation>パスワードハッシュの反復回数は%1～%2回である必要があります。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No random bytes for a password salt: %1</source>
        <translation>パスワードのソルト用の乱数バイトを取得できません：%1</translation>
    </message>
</context>
<context>
    <name>Patchboard::PatchAgeChart</name>
    <message>
        <location filename="../views/patchagechart.cpp" line="+21"/>
        <source>Devices by patch age</source>
        <translation>パッチ経過日数別デバイス</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Patch age (days)</source>
        <translation>パッチ経過日数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Devices</source>
        <translation>デバイス</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 days: %2 devices (%3)
Click to list these devices.</source>
        <translation>%1日：%2台（%3）
クリックするとこれらのデバイスを一覧表示します。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Up to date</source>
        <translation>最新</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Out of date (over %Ln day(s))</source>
        <translation>
            <numerusform>更新遅れ（%Ln日超）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 days: %2 devices, out of date</source>
        <translation>%1日：%2台、更新遅れ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 days: %2 devices</source>
        <translation>%1日：%2台</translation>
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
        <translation>%1～%2</translation>
    </message>
    <message numerus="yes">
        <location line="+56"/>
        <source>Out of date: older than %Ln day(s) (SSU-SEC-0020).</source>
        <translation>
            <numerusform>更新遅れ：%Ln日より古い（SSU-SEC-0020）。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Patch age (days)</source>
        <translation>パッチ経過日数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Devices</source>
        <translation>デバイス</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share</source>
        <translation>割合</translation>
    </message>
</context>
<context>
    <name>Patchboard::PatchLevelFilterEdit</name>
    <message>
        <location filename="../views/patchlevelfilteredit.cpp" line="+34"/>
        <source>to</source>
        <translation>～</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Any patch level</source>
        <translation>すべてのパッチレベル</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patch level before</source>
        <translation>パッチレベル（指定日より前）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patch level after</source>
        <translation>パッチレベル（指定日より後）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patch older than</source>
        <translation>パッチ経過日数（指定日数超）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patch age between</source>
        <translation>パッチ経過日数（範囲指定）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Patch level filter</source>
        <translation>パッチレベルフィルター</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Patch level date</source>
        <translation>パッチレベルの日付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Security patch level, YYYY-MM-DD, between %1 and %2</source>
        <translation>セキュリティパッチレベル（YYYY-MM-DD、%1～%2）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> days</source>
        <translation> 日</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+127"/>
        <source>Patch age in days</source>
        <translation>パッチ経過日数</translation>
    </message>
    <message>
        <location line="-124"/>
        <source>no limit</source>
        <translation>上限なし</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Largest patch age in days</source>
        <translation>パッチ経過日数の上限</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The largest patch age must not be smaller than the smallest.</source>
        <translation>パッチ経過日数の上限は下限以上にしてください。</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Smallest patch age in days</source>
        <translation>パッチ経過日数の下限</translation>
    </message>
</context>
<context>
    <name>Patchboard::Permissions</name>
    <message>
        <location filename="../services/auth/permissions.cpp" line="+58"/>
        <source>No operator is signed in: %1 is refused.</source>
        <translation>オペレーターがサインインしていないため、「%1」は拒否されました。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in with your operator name.</source>
        <translation>オペレーター名でサインインしてください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 acts as %2, and a %2 may not: %3.</source>
        <translation>%1は「%2」として操作しています。「%2」には次の操作の権限がありません：%3。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ask someone with the right role to do it.</source>
        <translation>適切なロールを持つユーザーに依頼してください。</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>view releases</source>
        <translation>リリースの閲覧</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>import a release</source>
        <translation>リリースのインポート</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>record a test result</source>
        <translation>テスト結果の記録</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>waive a test case</source>
        <translation>テストケースの免除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>approve a release</source>
        <translation>リリースの承認</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reject a release</source>
        <translation>リリースの却下</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>withdraw a release</source>
        <translation>リリースの取り下げ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>change the Author trust store</source>
        <translation>作成者鍵のトラストストアの変更</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>import security bulletin data</source>
        <translation>セキュリティ情報データのインポート</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>change the release workflow settings</source>
        <translation>リリースワークフロー設定の変更</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>view rollouts</source>
        <translation>ロールアウトの閲覧</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>plan and schedule a rollout</source>
        <translation>ロールアウトの計画と予約</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>pause, resume or cancel a rollout</source>
        <translation>ロールアウトの一時停止、再開、キャンセル</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>change the fleet simulator</source>
        <translation>フリートシミュレーターの変更</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>import the device inventory</source>
        <translation>デバイスインベントリのインポート</translation>
    </message>
</context>
<context>
    <name>Patchboard::PostgresUrl</name>
    <message>
        <location filename="../services/storage/postgresurl.cpp" line="+24"/>
        <source>Give the database as postgresql://USER:PASSWORD@HOST:PORT/DATABASE.</source>
        <translation>データベースはpostgresql://USER:PASSWORD@HOST:PORT/DATABASEの形式で指定してください。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>&apos;%1&apos; is not a valid PostgreSQL URL.</source>
        <translation>「%1」は有効なPostgreSQL URLではありません。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The PostgreSQL URL &apos;%1&apos; has an option Patchboard cannot pass on: &apos;%2&apos;.</source>
        <translation>PostgreSQL URL「%1」に、Patchboardが引き渡せないオプションがあります：「%2」。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Use libpq connection options such as sslmode=require or connect_timeout=10, and put the password before the &apos;@&apos;.</source>
        <translation>sslmode=requireやconnect_timeout=10などのlibpq接続オプションを使用し、パスワードは「@」の前に記述してください。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The PostgreSQL URL &apos;%1&apos; names no database.</source>
        <translation>PostgreSQL URL「%1」にデータベースが指定されていません。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The PostgreSQL URL &apos;%1&apos; names no host.</source>
        <translation>PostgreSQL URL「%1」にホストが指定されていません。</translation>
    </message>
</context>
<context>
    <name>Patchboard::PreparedStatement</name>
    <message>
        <location filename="../services/storage/preparedstatement.cpp" line="+92"/>
        <source>Could not %1 in &apos;%2&apos;: %3</source>
        <translation>「%2」で%1に失敗しました：%3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file is damaged; restore it from a backup. Nothing else was changed.</source>
        <translation>ファイルが破損しています。バックアップから復元してください。ほかには何も変更されていません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that the disk is writable and not full.</source>
        <translation>ディスクが書き込み可能で、空き容量があることを確認してください。</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReasonDialog</name>
    <message>
        <location filename="../views/reasondialog.cpp" line="+33"/>
        <source>&amp;Reason (recorded in the release history and the audit log):</source>
        <translation>理由(&amp;R)（リリース履歴と監査ログに記録されます）：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Write a reason first.</source>
        <translation>先に理由を入力してください。</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseAuthor</name>
    <message>
        <location filename="../services/firmware/releaseauthor.cpp" line="+40"/>
        <location line="+16"/>
        <source>Cannot create %1: %2</source>
        <translation>%1を作成できません：%2</translation>
    </message>
    <message>
        <location line="-12"/>
        <location line="+23"/>
        <location line="+3"/>
        <source>Cannot write %1: %2</source>
        <translation>%1に書き込めません：%2</translation>
    </message>
    <message>
        <location line="-17"/>
        <location line="+9"/>
        <source>Cannot read the image %1: %2</source>
        <translation>イメージ%1を読み取れません：%2</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>%1 already exists; keys are never overwritten.</source>
        <translation>%1はすでに存在します。鍵が上書きされることはありません。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The %1 &quot;%2&quot; is not a UUID (32 hex digits, dashes allowed).</source>
        <translation>%1「%2」はUUIDではありません（16進数32桁、ハイフン可）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No signing key was given.</source>
        <translation>署名鍵が指定されていません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Vendor and class IDs are 16-byte UUIDs (RFC 9124).</source>
        <translation>ベンダーIDとクラスIDは16バイトのUUIDです（RFC 9124）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A release needs at least one image.</source>
        <translation>リリースには少なくとも1つのイメージが必要です。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A release has at most %1 images.</source>
        <translation>リリースのイメージは最大%1個です。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Two images are named %1.</source>
        <translation>%1という名前のイメージが2つあります。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The image %1 is not a file.</source>
        <translation>イメージ%1はファイルではありません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The image %1 is larger than %2 GiB.</source>
        <translation>イメージ%1は%2 GiBを超えています。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 already exists; choose a new bundle name.</source>
        <translation>%1はすでに存在します。別のバンドル名を指定してください。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot create %1.</source>
        <translation>%1を作成できません。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Cannot move the bundle into place at %1.</source>
        <translation>バンドルを%1に移動できません。</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseBundle</name>
    <message>
        <location filename="../services/firmware/releasebundle.cpp" line="+25"/>
        <source>An image name is empty.</source>
        <translation>イメージ名が空です。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The image name &quot;%1&quot; is longer than %2 characters.</source>
        <translation>イメージ名「%1」が%2文字を超えています。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The image name &quot;%1&quot; starts with a dot.</source>
        <translation>イメージ名「%1」がドットで始まっています。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The image name &quot;%1&quot; has a character other than letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos; (no paths).</source>
        <translation>イメージ名「%1」に英字、数字、&apos;.&apos;、&apos;_&apos;、&apos;-&apos;以外の文字が含まれています（パスは指定できません）。</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>%1 is not a directory.</source>
        <translation>%1はディレクトリではありません。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 is a symbolic link; a bundle holds plain files only.</source>
        <translation>%1はシンボリックリンクです。バンドルには通常のファイルしか含められません。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 does not belong in a release bundle (only %2, %3 and %4/).</source>
        <translation>%1はリリースバンドルに含められません（含められるのは%2、%3、%4/のみ）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+2"/>
        <source>The bundle has no %1.</source>
        <translation>バンドルに%1がありません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The bundle has no %1/ folder.</source>
        <translation>バンドルに%1/フォルダーがありません。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1/%2 is not a plain file.</source>
        <translation>%1/%2は通常のファイルではありません。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1/%2 is larger than %3 GiB.</source>
        <translation>%1/%2は%3 GiBを超えています。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The bundle has no images.</source>
        <translation>バンドルにイメージがありません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The bundle has %1 images; at most %2 are accepted.</source>
        <translation>バンドルのイメージ数は%1個です（上限は%2個）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The images add up to more than %1 GiB.</source>
        <translation>イメージの合計サイズが%1 GiBを超えています。</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseChangeModel</name>
    <message>
        <location filename="../models/releasechangemodel.cpp" line="+31"/>
        <source>Not a security fix: a security release may hold only security fixes (SSU-SEC-0010).</source>
        <translation>セキュリティ修正ではありません。セキュリティリリースに含められるのはセキュリティ修正のみです（SSU-SEC-0010）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Names no CVE: each security fix needs at least one (SSU-SEC-0010).</source>
        <translation>CVEが記載されていません。各セキュリティ修正には少なくとも1つのCVEが必要です（SSU-SEC-0010）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Breaks the security-only rule (SSU-SEC-0010).</source>
        <translation>セキュリティ修正のみのルールに違反しています（SSU-SEC-0010）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not a security fix</source>
        <translation>セキュリティ修正ではない</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No CVE named</source>
        <translation>CVEの記載なし</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not allowed</source>
        <translation>不可</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>none</source>
        <translation>なし</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change</source>
        <translation>変更内容</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CVEs</source>
        <translation>CVE</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Severity</source>
        <translation>重大度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Security-only check</source>
        <translation>セキュリティ修正のみのチェック</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseCheckModel</name>
    <message>
        <location filename="../models/releasecheckmodel.cpp" line="+69"/>
        <source>Blocking</source>
        <translation>承認をブロック</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Warning only</source>
        <translation>警告のみ</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>A failure of this check stops approval.</source>
        <translation>このチェックに失敗すると承認できません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A failure of this check is shown, and recorded with an approval, but does not stop it.</source>
        <translation>このチェックの失敗は表示され、承認時に記録されますが、承認は妨げません。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Check</source>
        <translation>チェック</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>If it fails</source>
        <translation>失敗時</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseChecklist</name>
    <message>
        <location filename="../services/firmware/releasechecklist.cpp" line="+59"/>
        <source>Vendor ID %1 is not registered for any manufacturer.</source>
        <translation>ベンダーID %1はどのメーカーにも登録されていません。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Class ID %1 names no known hardware model.</source>
        <translation>クラスID %1に該当する既知のハードウェアモデルはありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Class ID %1 names a model of another manufacturer than vendor %2&apos;s.</source>
        <translation>クラスID %1は、ベンダー%2とは別のメーカーのモデルを指しています。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The notes cannot be read, so the targeted models are unknown.</source>
        <translation>リリースノートを読み取れないため、対象モデルが不明です。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The notes target %1, which class ID %2 does not identify (it identifies %3).</source>
        <translation>リリースノートの対象は%1ですが、クラスID %2はこれに該当しません（該当するのは%3）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Vendor %1 is %2; class %3 is %4.</source>
        <translation>ベンダー%1は%2、クラス%3は%4です。</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>The stored manifest (digest %1) is not the one imported (%2).</source>
        <translation>保存されているマニフェスト（ダイジェスト：%1）はインポートしたもの（%2）と異なります。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none</source>
        <translation>なし</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseDecisionBar</name>
    <message>
        <location filename="../views/releasedecisionbar.cpp" line="+21"/>
        <source>&amp;Approve…</source>
        <translation>承認(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;ject…</source>
        <translation>却下(&amp;J)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Withdraw…</source>
        <translation>取り下げ(&amp;W)…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Approval blockers</source>
        <translation>承認を妨げている項目</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Only a verified release or one in testing can be approved.</source>
        <translation>承認できるのは、検証済みまたはテスト中のリリースのみです。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approval is blocked; the reasons are listed below the buttons.</source>
        <translation>承認はブロックされています。理由はボタンの下に表示されています。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approve: the stored bundle is verified again first.</source>
        <translation>承認：保存されているバンドルを先に再検証します。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Only a verified release or one in testing can be rejected.</source>
        <translation>却下できるのは、検証済みまたはテスト中のリリースのみです。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Only an approved release can be withdrawn.</source>
        <translation>取り下げられるのは承認済みのリリースのみです。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 To act, switch operator (File &gt; Switch Operator).</source>
        <translation>%1操作するには、オペレーターを切り替えてください（ファイル &gt; オペレーターの切り替え）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Approval is not possible yet:</source>
        <translation>まだ承認できません：</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Approve Release</source>
        <translation>リリースの承認</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve %1 for rollout? The stored bundle is verified again with the keys trusted now; the approval is recorded under %2.</source>
        <translation>%1をロールアウト用に承認しますか？保存されているバンドルを現在信頼されている鍵で再検証します。承認は%2として記録されます。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approve</source>
        <translation>承認</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Recorded with the approval: %1</source>
        <translation>承認とともに記録される内容：%1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Reject Release</source>
        <translation>リリースの却下</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject %1? It cannot be approved afterwards; the Author has to publish a new release.</source>
        <translation>%1を却下しますか？却下後は承認できません。作成者が新しいリリースを公開する必要があります。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reject</source>
        <translation>却下</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Withdraw Release</source>
        <translation>リリースの取り下げ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdraw the approval of %1? No new rollout can use it afterwards.</source>
        <translation>%1の承認を取り下げますか？取り下げ後は、新しいロールアウトで使用できなくなります。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Withdraw</source>
        <translation>取り下げ</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseDetailPanel</name>
    <message>
        <location filename="../views/releasedetailpanel.cpp" line="+94"/>
        <source>Release history</source>
        <translation>リリース履歴</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+162"/>
        <source>Verification</source>
        <translation>検証</translation>
    </message>
    <message>
        <location line="-161"/>
        <location line="+163"/>
        <source>Tests</source>
        <translation>テスト</translation>
    </message>
    <message>
        <location line="-162"/>
        <location line="+170"/>
        <source>Release Notes</source>
        <translation>リリースノート</translation>
    </message>
    <message>
        <location line="-169"/>
        <source>History</source>
        <translation>履歴</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Select a release to see its verification checklist, test plan and history.</source>
        <translation>リリースを選択すると、検証チェックリスト、テスト計画、履歴が表示されます。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No firmware server is connected.</source>
        <translation>ファームウェアサーバーが接続されていません。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>%1 (vendor not registered)</source>
        <translation>%1（ベンダー未登録）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 by %2</source>
        <comment>models by manufacturer</comment>
        <translation>%2の%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 release for %2 · claimed patch level %3 · sequence %4 · received %5</source>
        <translation>%1リリース（対象：%2）・申告パッチレベル%3・シーケンス%4・受信日時%5</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Verification (%1 %2 failed)</source>
        <translation>検証（%1 %2件失敗）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tests (%1/%2)</source>
        <translation>テスト（%1/%2）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Release Notes (%1)</source>
        <translation>リリースノート（%1）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Test results are recorded while a release is verified or in testing.</source>
        <translation>テスト結果を記録できるのは、リリースが検証済みまたはテスト中の間のみです。</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Approved %1.</source>
        <translation>%1を承認しました。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rejected %1.</source>
        <translation>%1を却下しました。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Withdrew %1.</source>
        <translation>%1を取り下げました。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Recorded %1: %2.</source>
        <translation>%1の結果を記録しました：%2。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Waived %1.</source>
        <translation>%1を免除しました。</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseFleetStore</name>
    <message>
        <location filename="../services/firmware/releasefleetstore.cpp" line="+57"/>
        <source>store the targeted models</source>
        <translation>対象モデルの保存</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>create the test plan</source>
        <translation>テスト計画の作成</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>read the targeted models</source>
        <translation>対象モデルの読み取り</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>read the test plan</source>
        <translation>テスト計画の読み取り</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>store the test result</source>
        <translation>テスト結果の保存</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Release %1 has no test case %2 for model %3.</source>
        <translation>リリース%1には、モデル%3用のテストケース%2がありません。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>read the hardware models</source>
        <translation>ハードウェアモデルの読み取り</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>read the approved releases</source>
        <translation>承認済みリリースの読み取り</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>read the firmware versions</source>
        <translation>ファームウェアバージョンの読み取り</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>read the patch levels</source>
        <translation>パッチレベルの読み取り</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseFormat</name>
    <message>
        <location filename="../models/releaseformat.cpp" line="+27"/>
        <source>Security</source>
        <translation>セキュリティ</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+15"/>
        <source>Maintenance</source>
        <translation>メンテナンス</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+15"/>
        <source>Feature</source>
        <translation>機能</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Security fix</source>
        <translation>セキュリティ修正</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bug fix</source>
        <translation>バグ修正</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>None</source>
        <translation>なし</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Moderate</source>
        <translation>中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Critical</source>
        <translation>重大</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Bundle contents</source>
        <translation>バンドルの内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trusted key for the vendor</source>
        <translation>ベンダーの信頼済み鍵</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SUIT envelope</source>
        <translation>SUITエンベロープ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Authentication wrapper</source>
        <translation>認証ラッパー</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed</source>
        <translation>署名済み</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signature</source>
        <translation>署名</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manifest digest</source>
        <translation>マニフェストダイジェスト</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manifest</source>
        <translation>マニフェスト</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Severable members</source>
        <translation>分離可能な要素</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vendor ID</source>
        <translation>ベンダーID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Components</source>
        <translation>コンポーネント</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Release notes digest</source>
        <translation>リリースノートのダイジェスト</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Release notes</source>
        <translation>リリースノート</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Security-only (SSU-SEC-0010)</source>
        <translation>セキュリティ修正のみ（SSU-SEC-0010）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hardware models</source>
        <translation>ハードウェアモデル</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Anti-rollback (sequence number)</source>
        <translation>ロールバック防止（シーケンス番号）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CVE cross-check with bulletins</source>
        <translation>セキュリティ情報とのCVE照合</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Image %1</source>
        <translation>イメージ%1</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+14"/>
        <source>Passed</source>
        <translation>合格</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+14"/>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Not run</source>
        <translation>未実施</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Blocked</source>
        <translation>ブロック</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1, waived</source>
        <translation>%1（免除）</translation>
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
            <numerusform>%Ln日</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="-2"/>
        <location line="+4"/>
        <source>%Ln hour(s)</source>
        <translation>
            <numerusform>%Ln時間</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln minute(s)</source>
        <translation>
            <numerusform>%Ln分</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+26"/>
        <source>Overdue by %Ln day(s)</source>
        <translation>
            <numerusform>%Ln日超過</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Due today</source>
        <translation>本日が期限</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <location line="+21"/>
        <source>%Ln day(s) left</source>
        <translation>
            <numerusform>残り%Ln日</numerusform>
        </translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Decided in %1</source>
        <translation>決定まで%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not a security release: the 7-day test window (SSU-TES-0010) does not apply. Suggested decision by %1.</source>
        <translation>セキュリティリリースではないため、7日間のテスト期間（SSU-TES-0010）は適用されません。%1までの判断を推奨します。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Overdue: testing of a security release is to finish within 7 days of receipt (SSU-TES-0010); the window ended %1.</source>
        <translation>期限超過：セキュリティリリースのテストは受信後7日以内に完了する必要があります（SSU-TES-0010）。期間は%1に終了しました。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Test window (SSU-TES-0010): decide by %1, %2.</source>
        <translation>テスト期間（SSU-TES-0010）：%1までに判断（%2）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Refused on import: it failed verification, so no test window runs for it.</source>
        <translation>インポート時に拒否：検証に失敗したため、テスト期間はありません。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Decided %1 after receipt.</source>
        <translation>受信から%1後に決定。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decided %1 after receipt, within the 7-day test window (SSU-TES-0010).</source>
        <translation>受信から%1後に決定（7日間のテスト期間内、SSU-TES-0010）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decided %1 after receipt, later than the 7-day test window (SSU-TES-0010).</source>
        <translation>受信から%1後に決定（7日間のテスト期間を超過、SSU-TES-0010）。</translation>
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
        <translation>日時</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change</source>
        <translation>変更</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>By</source>
        <translation>実行者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Role</source>
        <translation>ロール</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseImportBar</name>
    <message>
        <location filename="../views/releaseimportbar.cpp" line="+23"/>
        <source>&amp;Import Release Bundle…</source>
        <translation>リリースバンドルをインポート(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import &amp;Bulletin Data (OSV)</source>
        <translation>セキュリティ情報データ（OSV）をインポート(&amp;B)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>From a &amp;Folder of OSV Records…</source>
        <translation>OSVレコードのフォルダーから(&amp;F)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From a &amp;ZIP or JSON File…</source>
        <translation>ZIPまたはJSONファイルから(&amp;Z)…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Verify and store a NAME.pbrelease folder an Author published</source>
        <translation>作成者が公開したNAME.pbreleaseフォルダーを検証して保存します</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Android security bulletin records (OSV) for the CVE cross-check</source>
        <translation>CVE照合用のAndroidセキュリティ情報レコード（OSV）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Import Release Bundle (a NAME.pbrelease folder)</source>
        <translation>リリースバンドルのインポート（NAME.pbreleaseフォルダー）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Copying and verifying %1…</source>
        <translation>%1をコピーして検証中…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import Release Bundle</source>
        <translation>リリースバンドルのインポート</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Import of %1 cancelled; nothing was stored.</source>
        <translation>%1のインポートをキャンセルしました。何も保存されていません。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+43"/>
        <source>Import Failed</source>
        <translation>インポート失敗</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>Imported %1: refused, see the failed checks.</source>
        <translation>%1をインポートしました：拒否されました。失敗したチェックを確認してください。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Imported %1: %2.</source>
        <translation>%1をインポートしました：%2。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Import Bulletin Data: Folder of OSV Records</source>
        <translation>セキュリティ情報データのインポート：OSVレコードのフォルダー</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import Bulletin Data: OSV Export</source>
        <translation>セキュリティ情報データのインポート：OSVエクスポート</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>OSV data (*.zip *.json);;All files (*)</source>
        <translation>OSVデータ (*.zip *.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reading bulletin records from %1…</source>
        <translation>%1からセキュリティ情報レコードを読み込み中…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Import Bulletin Data</source>
        <translation>セキュリティ情報データのインポート</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>Read %Ln bulletin record(s): </source>
        <translation>
            <numerusform>セキュリティ情報レコードを%Ln件読み込みました： </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln vulnerability level(s) stored, </source>
        <translation>
            <numerusform>パッチレベル付きの脆弱性%Ln件を保存、 </numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln skipped (no CVE or no Android patch level).</source>
        <translation>
            <numerusform>%Ln件をスキップ（CVEまたはAndroidパッチレベルなし）。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not readable: %1</source>
        <translation>読み取り不可：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bulletin Data Imported</source>
        <translation>セキュリティ情報データをインポートしました</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseImporter</name>
    <message>
        <location filename="../services/firmware/releaseimporter.cpp" line="+32"/>
        <source>Cannot create %1.</source>
        <translation>%1を作成できません。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cannot copy %1 into the release store.</source>
        <translation>%1をリリースストアにコピーできません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that the disk is not full.</source>
        <translation>ディスクの空き容量を確認してください。</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1 is not a release bundle: it has no %2.</source>
        <translation>%1はリリースバンドルではありません（%2がありません）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a NAME.pbrelease folder made by patchboard-author create.</source>
        <translation>patchboard-author createで作成したNAME.pbreleaseフォルダーを選択してください。</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>(unreadable notes)</source>
        <translation>（リリースノートを読み取れません）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>This release was already imported as release %1.</source>
        <translation>このリリースはすでにリリース%1としてインポートされています。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Verified on import: signature, digests, hardware and sequence number check out.</source>
        <translation>インポート時に検証済み：署名、ダイジェスト、ハードウェア、シーケンス番号に問題はありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refused on import: %1</source>
        <translation>インポート時に拒否：%1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cannot move the bundle into the release store %1.</source>
        <translation>バンドルをリリースストア%1に移動できません。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>store the release</source>
        <translation>リリースの保存</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseListModel</name>
    <message>
        <location filename="../models/releaselistmodel.cpp" line="+18"/>
        <source>Unknown vendor %1</source>
        <translation>不明なベンダー%1</translation>
    </message>
    <message>
        <location line="+102"/>
        <source>Vendor ID %1</source>
        <translation>ベンダーID %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sequence number %1</source>
        <translation>シーケンス番号%1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>SSU-TES-0010: testing of a security release is to finish within 7 days of receipt.</source>
        <translation>SSU-TES-0010：セキュリティリリースのテストは受信後7日以内に完了する必要があります。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Version</source>
        <translation>バージョン</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Manufacturer</source>
        <translation>メーカー</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Models</source>
        <translation>モデル</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>種別</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Patch level</source>
        <translation>パッチレベル</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Received</source>
        <translation>受信日時</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test window</source>
        <translation>テスト期間</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseNotes</name>
    <message>
        <location filename="../services/domain/releasenotes.cpp" line="+26"/>
        <source>Release notes: %1: %2</source>
        <translation>リリースノート：%1：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ask the Author for notes that follow docs/release-notes.schema.json.</source>
        <translation>docs/release-notes.schema.jsonに準拠したリリースノートを作成者に依頼してください。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>line %1, column %2</source>
        <translation>%1行目、%2列目</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+19"/>
        <source>is missing.</source>
        <translation>項目がありません。</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>must be a string.</source>
        <translation>文字列である必要があります。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>must not be empty.</source>
        <translation>空にはできません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>is longer than %1 characters.</source>
        <translation>%1文字を超えています。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>must be an array.</source>
        <translation>配列である必要があります。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>has more than %1 entries.</source>
        <translation>エントリが%1個を超えています。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>is not a known member.</source>
        <translation>不明な項目です。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>must be an object.</source>
        <translation>オブジェクトである必要があります。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&quot;%1&quot; is not one of security, bugfix, maintenance, feature.</source>
        <translation>「%1」はsecurity、bugfix、maintenance、featureのいずれでもありません。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 is not a CVE ID (CVE-YYYY-NNNN).</source>
        <translation>%1はCVE ID（CVE-YYYY-NNNN）ではありません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the value</source>
        <translation>この値</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is listed twice.</source>
        <translation>%1が重複しています。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&quot;%1&quot; is not one of critical, high, moderate, low, none.</source>
        <translation>「%1」はcritical、high、moderate、low、noneのいずれでもありません。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>a security change needs a severity (critical, high, moderate, low).</source>
        <translation>セキュリティ変更には重大度（critical、high、moderate、low）が必要です。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>is %1 bytes; at most %2 are accepted.</source>
        <translation>%1バイトです（上限は%2バイト）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>is not valid JSON (%1 at %2).</source>
        <translation>有効なJSONではありません（%2：%1）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>must be a JSON object.</source>
        <translation>JSONオブジェクトである必要があります。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>must be the number %1 (the notes format this Patchboard reads).</source>
        <translation>数値%1である必要があります（このPatchboardが読み取れるリリースノート形式）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&quot;%1&quot; may only hold letters, digits and . _ + -.</source>
        <translation>「%1」に使用できるのは英字、数字、. _ + - のみです。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&quot;%1&quot; is not one of security, maintenance, feature.</source>
        <translation>「%1」はsecurity、maintenance、featureのいずれでもありません。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&quot;%1&quot; is not a date YYYY-MM-DD.</source>
        <translation>「%1」はYYYY-MM-DD形式の日付ではありません。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>must name at least one model.</source>
        <translation>少なくとも1つのモデルを指定する必要があります。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>must be a hardware model name.</source>
        <translation>ハードウェアモデル名である必要があります。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&quot;%1&quot; is listed twice.</source>
        <translation>「%1」が重複しています。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>must list at least one change.</source>
        <translation>少なくとも1つの変更を記載する必要があります。</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseNotesView</name>
    <message>
        <location filename="../views/releasenotesview.cpp" line="+35"/>
        <source>Changes</source>
        <translation>変更内容</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>End-user notice (preview)</source>
        <translation>エンドユーザー向け通知（プレビュー）</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The release notes could not be read; see the verification checklist.</source>
        <translation>リリースノートを読み取れませんでした。検証チェックリストを確認してください。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1 release %2, claimed security patch level %3, for %4. %Ln CVE(s) listed.</source>
        <translation>
            <numerusform>%1リリース%2、申告セキュリティパッチレベル%3、対象：%4。記載CVE：%Ln件。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Security update</source>
        <translation>セキュリティアップデート</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Software update</source>
        <translation>ソフトウェアアップデート</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(no notice)</source>
        <translation>（通知なし）</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseRules</name>
    <message>
        <location filename="../services/domain/releaserules.cpp" line="+27"/>
        <source>change %1 (%2, %3)</source>
        <translation>変更%1（%2、%3）</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not claimed: this is a %1 release.</source>
        <translation>該当なし：このリリースの種別は%1です。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 is not a security fix</source>
        <translation>%1はセキュリティ修正ではありません</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 names no CVE</source>
        <translation>%1にCVEが記載されていません</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>All %1 change(s) are security fixes with CVE IDs (SSU-SEC-0010).</source>
        <translation>%1件の変更はすべてCVE ID付きのセキュリティ修正です（SSU-SEC-0010）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cannot be approved as security-only (SSU-SEC-0010): %1.</source>
        <translation>セキュリティ専用リリースとして承認できません（SSU-SEC-0010）：%1。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Sequence number %1 is not above %2, the highest already approved for this device class: a rollback (SESIP 5.5.6).</source>
        <translation>シーケンス番号%1は、このデバイスクラスで承認済みの最大値%2を上回っていません。ロールバックに該当します（SESIP 5.5.6）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sequence number %1 is not above %2, the newest firmware the fleet already runs for this model: a rollback (SESIP 5.5.6).</source>
        <translation>シーケンス番号%1は、このモデルでフリートがすでに実行している最新ファームウェア%2を上回っていません。ロールバックに該当します（SESIP 5.5.6）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>approved %1</source>
        <translation>承認済み%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>installed %1</source>
        <translation>インストール済み%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sequence number %1; nothing approved or installed yet for this device class.</source>
        <translation>シーケンス番号%1。このデバイスクラスで承認済み・インストール済みのものはまだありません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sequence number %1 is above %2.</source>
        <translation>シーケンス番号%1は既存の値（%2）を上回っています。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Not cross-checked: no Android security bulletin data (OSV) was imported.</source>
        <translation>照合なし：Androidセキュリティ情報のデータ（OSV）がインポートされていません。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 to %2</source>
        <translation>%1～%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every bulletin CVE fixed from %1 is in the notes.</source>
        <translation>%1に修正されたセキュリティ情報のCVEは、すべてリリースノートに記載されています。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The claimed patch level %1 implies fixes the notes do not list (bulletins %2): %3.</source>
        <translation>申告されたパッチレベル%1には、リリースノートに記載のない修正が含まれるはずです（セキュリティ情報%2）：%3。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>A release that is %1 cannot be approved.</source>
        <translation>状態が「%1」のリリースは承認できません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The release has not been verified.</source>
        <translation>リリースは検証されていません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check %1 failed: %2</source>
        <translation>チェック%1に失敗しました：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The release has no test plan.</source>
        <translation>リリースにテスト計画がありません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test case not passed or waived: %1</source>
        <translation>合格も免除もされていないテストケース：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Four-eyes rule: %1 recorded test results for this release and cannot also approve it.</source>
        <translation>二重承認ルール：%1はこのリリースのテスト結果を記録しているため、承認することはできません。</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseSettingsDialog</name>
    <message>
        <location filename="../views/releasesettingsdialog.cpp" line="+40"/>
        <source>Release Policy</source>
        <translation>リリースポリシー</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Firmware Server applies these rules to every approval. Changes are recorded in the audit log.</source>
        <translation>ファームウェアサーバーはすべての承認にこれらのルールを適用します。変更は監査ログに記録されます。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Four-eyes rule</source>
        <translation>二重承認ルール(&amp;F)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The approver must not have recorded any test result or waiver of the release.</source>
        <translation>承認者は、このリリースのテスト結果や免除を記録した人であってはなりません。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loading the release policy…</source>
        <translation>リリースポリシーを読み込んでいます…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Four-eyes rule state</source>
        <translation>二重承認ルールの状態</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Switched off, one engineer can record every test of a release and approve it alone. Every case must still pass or be waived.</source>
        <translation>オフにすると、1人のエンジニアがリリースのすべてのテストを記録し、単独で承認できます。すべてのテストケースは引き続き合格または免除が必要です。</translation>
    </message>
    <message>
        <location line="+71"/>
        <location line="+26"/>
        <source>No firmware server is connected.</source>
        <translation>ファームウェアサーバーに接続されていません。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Four-eyes rule switched on: approvers must not have tested the release.</source>
        <translation>二重承認ルールをオンにしました：承認者はそのリリースをテストした人であってはなりません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Four-eyes rule switched off: whoever tested a release may also approve it.</source>
        <translation>二重承認ルールをオフにしました：リリースをテストした人も承認できます。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Currently on.</source>
        <translation>現在オンです。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Currently off: the engineer who recorded the tests may also approve the release.</source>
        <translation>現在オフです：テストを記録したエンジニアもリリースを承認できます。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The release policy is still loading.</source>
        <translation>リリースポリシーはまだ読み込み中です。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing to apply: change the setting first.</source>
        <translation>適用する変更はありません。先に設定を変更してください。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Store the setting (recorded in the audit log).</source>
        <translation>設定を保存します（監査ログに記録されます）。</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseState</name>
    <message>
        <location filename="../services/domain/releasestate.cpp" line="+89"/>
        <source>Received</source>
        <translation>受信済み</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Verified</source>
        <translation>検証済み</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refused</source>
        <translation>拒否</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In testing</source>
        <translation>テスト中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Approved</source>
        <translation>承認済み</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rejected</source>
        <translation>却下</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Withdrawn</source>
        <translation>取り下げ済み</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>received</source>
        <comment>within a sentence</comment>
        <translation>受信済み</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>verified</source>
        <comment>within a sentence</comment>
        <translation>検証済み</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>refused</source>
        <comment>within a sentence</comment>
        <translation>拒否</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>in testing</source>
        <comment>within a sentence</comment>
        <translation>テスト中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>approved</source>
        <comment>within a sentence</comment>
        <translation>承認済み</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rejected</source>
        <comment>within a sentence</comment>
        <translation>却下</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>withdrawn</source>
        <comment>within a sentence</comment>
        <translation>取り下げ済み</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseStore</name>
    <message>
        <location filename="../services/firmware/releasestore.cpp" line="+74"/>
        <location line="+11"/>
        <source>store the release</source>
        <translation>リリースの保存</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>read the release</source>
        <translation>リリースの読み取り</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>There is no release %1.</source>
        <translation>リリース%1は存在しません。</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+16"/>
        <source>read the releases</source>
        <translation>リリース一覧の読み取り</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>change the release state</source>
        <translation>リリース状態の変更</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>record the transition</source>
        <translation>状態遷移の記録</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>read the release history</source>
        <translation>リリース履歴の読み取り</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+10"/>
        <source>store the checklist</source>
        <translation>チェックリストの保存</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>read the checklist</source>
        <translation>チェックリストの読み取り</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+10"/>
        <source>store the images</source>
        <translation>イメージの保存</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>read the images</source>
        <translation>イメージの読み取り</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>read the settings</source>
        <translation>設定の読み取り</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>store the settings</source>
        <translation>設定の保存</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseVerificationView</name>
    <message>
        <location filename="../views/releaseverificationview.cpp" line="+95"/>
        <source>Verification checklist</source>
        <translation>検証チェックリスト</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missing CVEs</source>
        <translation>不足しているCVE</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Signer key (SHA-256):</source>
        <translation>署名者の鍵（SHA-256）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Algorithm:</source>
        <translation>アルゴリズム：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manifest digest:</source>
        <translation>マニフェストダイジェスト：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vendor / class ID:</source>
        <translation>ベンダーID／クラスID：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images:</source>
        <translation>イメージ：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Signature and digests</source>
        <translation>署名とダイジェスト</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Security-only claim (SSU-SEC-0010)</source>
        <translation>セキュリティ修正のみの申告（SSU-SEC-0010）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Bulletin CVEs missing from the notes</source>
        <translation>リリースノートに記載のないセキュリティ情報のCVE</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Not verified yet.</source>
        <translation>まだ検証されていません。</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%Ln blocking check(s) failed: %1</source>
        <translation>
            <numerusform>承認をブロックするチェック%Ln件に失敗：%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>No check that blocks approval failed; %Ln warning(s) to read.</source>
        <translation>
            <numerusform>承認をブロックするチェックの失敗はありません。確認すべき警告が%Ln件あります。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>All %Ln check(s) passed.</source>
        <translation>
            <numerusform>%Ln件のチェックすべてに合格しました。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>not recorded (no trusted signature)</source>
        <translation>記録なし（信頼済みの署名なし）</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+1"/>
        <source>unknown</source>
        <translation>不明</translation>
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
        <translation>%1（%2バイト）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none recorded</source>
        <translation>記録なし</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not claimed: this is a %1 release.</source>
        <translation>該当なし：このリリースの種別は%1です。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Every change is a security fix with a CVE.</source>
        <translation>すべての変更がCVE付きのセキュリティ修正です。</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%Ln change(s) breaking the claim:</source>
        <translation>
            <numerusform>申告に反する変更（%Ln件）：</numerusform>
        </translation>
    </message>
    <message>
        <location line="+21"/>
        <source>None: the notes list every CVE the imported bulletins fix up to the claimed patch level.</source>
        <translation>なし：インポートしたセキュリティ情報で申告パッチレベルまでに修正されたCVEは、すべてリリースノートに記載されています。</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseVerifier</name>
    <message>
        <location filename="../services/firmware/releaseverifier.cpp" line="+160"/>
        <source>The manifest names no vendor ID, so no Author key applies.</source>
        <translation>マニフェストにベンダーIDがないため、適用できる作成者鍵がありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No Author key is registered for vendor %1.</source>
        <translation>ベンダー%1に登録された作成者鍵はありません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 Author key(s) trusted for vendor %2.</source>
        <translation>ベンダー%2について%1個の作成者鍵が信頼されています。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1, %2 and %3 image(s).</source>
        <translation>%1、%2、イメージ%3個。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>notes.json cannot be read.</source>
        <translation>notes.jsonを読み取れません。</translation>
    </message>
    <message>
        <location line="-85"/>
        <location line="+94"/>
        <source>%1 bytes, SHA-256 %2 as signed.</source>
        <translation>%1バイト、SHA-256 %2（署名どおり）。</translation>
    </message>
    <message>
        <location line="-164"/>
        <source>component %1 is not a bundle file</source>
        <translation>コンポーネント%1はバンドル内のファイルではありません</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 is listed twice</source>
        <translation>%1が重複しています</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 does not have exactly one SHA-256 digest and size</source>
        <translation>%1にはSHA-256ダイジェストとサイズがちょうど1つずつ指定されていません</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the manifest does not cover %1</source>
        <translation>マニフェストに%1が含まれていません</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1/%2 is not in the manifest, so no signature covers it</source>
        <translation>%1/%2はマニフェストにないため、署名の対象外です</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the components do not all name one vendor ID and one class ID</source>
        <translation>すべてのコンポーネントが同一のベンダーIDとクラスIDを指定しているわけではありません</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 component(s), each a bundle file with its SHA-256 and size; vendor %2, class %3.</source>
        <translation>コンポーネント%1個（いずれもSHA-256とサイズ付きのバンドルファイル）、ベンダー%2、クラス%3。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The file is %1 bytes; the signed manifest says %2.</source>
        <translation>ファイルサイズは%1バイトですが、署名済みマニフェストでは%2です。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>SHA-256 is %1; the signed manifest says %2: the file was changed.</source>
        <translation>SHA-256は%1ですが、署名済みマニフェストでは%2です。ファイルが変更されています。</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>notes.json is %1 bytes with SHA-256 %2; the signed manifest says %3 bytes, %4: the notes were changed.</source>
        <translation>notes.jsonは%1バイト、SHA-256 %2ですが、署名済みマニフェストでは%3バイト、%4です。リリースノートが変更されています。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Version %1, %2 release, security patch level %3, %4 change(s).</source>
        <translation>バージョン%1、種別%2、セキュリティパッチレベル%3、変更%4件。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The image is missing from the bundle.</source>
        <translation>バンドルにイメージがありません。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Cannot read %1: %2</source>
        <translation>%1を読み取れません：%2</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleaseWorkflow</name>
    <message>
        <location filename="../services/firmware/releaseworkflow.cpp" line="+39"/>
        <source>Say why you %1: the reason is recorded with the decision.</source>
        <translation>%1理由を入力してください。理由は決定とともに記録されます。</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Release %1 is %2 and cannot become %3.</source>
        <translation>リリース%1は「%2」状態のため、「%3」に変更できません。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>change the release state</source>
        <translation>リリース状態の変更</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Release %1 is %2: its test results can no longer change.</source>
        <translation>リリース%1は「%2」状態のため、テスト結果は変更できません。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Release %1 does not target hardware model %2.</source>
        <translation>リリース%1はハードウェアモデル%2を対象としていません。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Testing started: first result recorded.</source>
        <translation>テスト開始：最初の結果を記録しました。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>A test result is passed, failed or blocked.</source>
        <translation>テスト結果は「合格」「不合格」「ブロック」のいずれかです。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Describe what failed or what blocks the test in the note.</source>
        <translation>失敗した内容、またはテストをブロックしている要因をメモに記入してください。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>waive this test case</source>
        <translation>このテストケースを免除する</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The case passed; there is nothing to waive.</source>
        <translation>このテストケースは合格しているため、免除する必要はありません。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Release %1 is %2 and cannot be approved.</source>
        <translation>リリース%1は「%2」状態のため、承認できません。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Release %1 cannot be approved: %2</source>
        <translation>リリース%1は承認できません：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resolve the items listed, or reject the release.</source>
        <translation>記載された項目を解決するか、リリースを却下してください。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Every check passed and every test case passed or was waived.</source>
        <translation>すべてのチェックに合格し、すべてのテストケースが合格または免除されました。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>reject the release</source>
        <translation>リリースを却下する</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>withdraw the release</source>
        <translation>リリースを取り下げる</translation>
    </message>
</context>
<context>
    <name>Patchboard::ReleasesPage</name>
    <message>
        <location filename="../views/releasespage.cpp" line="+43"/>
        <source>&amp;Trust Store…</source>
        <translation>トラストストア(&amp;T)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Release &amp;Policy…</source>
        <translation>リリースポリシー(&amp;P)…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The Author keys trusted per vendor (administrators change them)</source>
        <translation>ベンダーごとに信頼されている作成者鍵（変更は管理者が行います）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The rules every approval follows, such as the four-eyes rule (administrators change them)</source>
        <translation>すべての承認が従うルール（二重承認ルールなど。管理者が変更します）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show releases</source>
        <translation>表示するリリース</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All releases</source>
        <translation>すべてのリリース</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Awaiting decision</source>
        <translation>判断待ち</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue (past the 7-day window)</source>
        <translation>期限超過（7日間の期間を経過）</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Show:</source>
        <translation>表示(&amp;S)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Loading releases…</source>
        <translation>リリースを読み込み中…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Four-eyes rule</source>
        <translation>二重承認ルール</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Releases</source>
        <translation>リリース</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>No firmware server is connected.</source>
        <translation>ファームウェアサーバーが接続されていません。</translation>
    </message>
    <message numerus="yes">
        <location line="+85"/>
        <source>%Ln release(s)</source>
        <translation>
            <numerusform>リリース%Ln件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1 of %Ln release(s)</source>
        <translation>
            <numerusform>リリース%Ln件中%1件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>, %Ln awaiting a decision</source>
        <translation>
            <numerusform>、判断待ち%Ln件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln overdue</source>
        <translation>
            <numerusform>期限超過%Ln件</numerusform>
        </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Four-eyes rule: unknown</source>
        <translation>二重承認ルール：不明</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Four-eyes rule: on</source>
        <translation>二重承認ルール：オン</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The approver must not have recorded any test result or waiver of the release.</source>
        <translation>承認者は、このリリースのテスト結果や免除を記録した人であってはなりません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Four-eyes rule: off</source>
        <translation>二重承認ルール：オフ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whoever recorded the tests of a release may also approve it.</source>
        <translation>リリースのテストを記録した人も承認できます。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Releases could not be loaded.</source>
        <translation>リリースを読み込めませんでした。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Maintenance</source>
        <translation>メンテナンス</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>Overdue by %Ln day(s)</source>
        <translation>
            <numerusform>%Ln日超過</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Patchboard::RemoteAuditBackend</name>
    <message>
        <location filename="../services/audit/remoteauditbackend.cpp" line="+67"/>
        <source>The request was cancelled.</source>
        <translation>リクエストはキャンセルされました。</translation>
    </message>
</context>
<context>
    <name>Patchboard::RemoteFirmwareBackend</name>
    <message>
        <location filename="../services/firmware/remotefirmwarebackend.cpp" line="+54"/>
        <source>The console is not connected to a server.</source>
        <translation>コンソールはサーバーに接続されていません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect to patchboard-server again.</source>
        <translation>patchboard-serverにもう一度接続してください。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot read %1: %2.</source>
        <translation>%1を読み込めません：%2。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that the file exists and that you may read it.</source>
        <translation>ファイルが存在し、読み取り権限があることを確認してください。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 cannot be sent to the server: %2</source>
        <translation>%1をサーバーに送信できません：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a NAME.pbrelease folder made by patchboard-author create, as it was made.</source>
        <translation>patchboard-author createで作成したNAME.pbreleaseフォルダーを、作成したときのままの状態で選択してください。</translation>
    </message>
    <message>
        <location line="+212"/>
        <source>%1 is not a release bundle: it has no %2.</source>
        <translation>%1はリリースバンドルではありません（%2がありません）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a NAME.pbrelease folder made by patchboard-author create.</source>
        <translation>patchboard-author createで作成したNAME.pbreleaseフォルダーを選択してください。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>it is a symbolic link.</source>
        <translation>シンボリックリンクです。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>a release bundle holds no such folder.</source>
        <translation>リリースバンドルにこのようなフォルダーは含まれません。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>an image must be a plain file.</source>
        <translation>イメージは通常のファイルである必要があります。</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>%1 holds no .json files.</source>
        <translation>%1に.jsonファイルが含まれていません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the folder or .zip of the Android bulletin&apos;s OSV records.</source>
        <translation>AndroidセキュリティブリテンのOSVレコードのフォルダーまたは.zipを選択してください。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 does not exist.</source>
        <translation>%1は存在しません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a folder of OSV .json records, one .json file or the .zip export.</source>
        <translation>OSVの.jsonレコードのフォルダー、単一の.jsonファイル、または.zipエクスポートを選択してください。</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The upload was cancelled.</source>
        <translation>アップロードはキャンセルされました。</translation>
    </message>
</context>
<context>
    <name>Patchboard::RemoteTelemetryBackend</name>
    <message>
        <location filename="../services/telemetry/remotetelemetrybackend.cpp" line="+82"/>
        <source>The export was cancelled.</source>
        <translation>エクスポートはキャンセルされました。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cannot write %1: %2.</source>
        <translation>%1に書き込めません：%2。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a folder you can write to.</source>
        <translation>書き込み可能なフォルダーを選択してください。</translation>
    </message>
</context>
<context>
    <name>Patchboard::RemoteTrackerBackend</name>
    <message>
        <location filename="../services/tracker/remotetrackerbackend.cpp" line="+49"/>
        <source>Server: %1</source>
        <translation>サーバー：%1</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>The request was cancelled.</source>
        <translation>リクエストはキャンセルされました。</translation>
    </message>
</context>
<context>
    <name>Patchboard::Rollout</name>
    <message>
        <location filename="../services/domain/rollout.cpp" line="+176"/>
        <source>Draft</source>
        <translation>下書き</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scheduled</source>
        <translation>予約済み</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Running</source>
        <translation>実行中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paused</source>
        <translation>一時停止中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Halted</source>
        <translation>停止中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Completed</source>
        <translation>完了</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled</source>
        <translation>キャンセル済み</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Pending</source>
        <comment>wave state</comment>
        <translation>未開始</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Running</source>
        <comment>wave state</comment>
        <translation>実行中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Succeeded</source>
        <comment>wave state</comment>
        <translation>成功</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Halted</source>
        <comment>wave state</comment>
        <translation>停止中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled</source>
        <comment>wave state</comment>
        <translation>キャンセル済み</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Pending</source>
        <comment>device in a rollout</comment>
        <translation>保留中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offered</source>
        <translation>提供済み</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Downloading</source>
        <translation>ダウンロード中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Verifying</source>
        <translation>検証中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Installing</source>
        <translation>インストール中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rebooting</source>
        <translation>再起動中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Postponed</source>
        <translation>延期</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Succeeded</source>
        <comment>device in a rollout</comment>
        <translation>成功</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rolled back</source>
        <translation>ロールバック済み</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled</source>
        <comment>device in a rollout</comment>
        <translation>キャンセル済み</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expired</source>
        <translation>期限切れ</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutControlBar</name>
    <message>
        <location filename="../views/rolloutcontrolbar.cpp" line="+18"/>
        <source>&amp;Schedule</source>
        <translation>予約(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Pause…</source>
        <translation>一時停止(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Resume…</source>
        <translation>再開(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ca&amp;ncel Rollout…</source>
        <translation>ロールアウトをキャンセル(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;ontinue to Next Wave</source>
        <translation>次のウェーブへ進む(&amp;O)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Schedule</source>
        <translation>予約</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+130"/>
        <source>Pause</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <location line="-129"/>
        <location line="+148"/>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
    <message>
        <location line="-147"/>
        <source>Cancel rollout</source>
        <translation>ロールアウトをキャンセル</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continue to next wave</source>
        <translation>次のウェーブへ進む</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>An action on this rollout is on its way.</source>
        <translation>このロールアウトに対する操作を処理中です。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Only a draft rollout can be scheduled.</source>
        <translation>予約できるのは下書きのロールアウトのみです。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Schedule the rollout: it starts at its planned time, or now if it has none.</source>
        <translation>ロールアウトを予約します。予定日時に（予定日時がない場合は直ちに）開始されます。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only a running or scheduled rollout can be paused.</source>
        <translation>一時停止できるのは実行中または予約済みのロールアウトのみです。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop offering the update; devices already updating finish (asks for a reason).</source>
        <translation>アップデートの提供を停止します。すでに更新中のデバイスは最後まで続行します（理由の入力が必要です）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Only a paused or halted rollout can be resumed.</source>
        <translation>再開できるのは一時停止中または停止中のロールアウトのみです。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resume after the halt; failures are counted again from now, and the error threshold may be raised (asks for a reason).</source>
        <translation>停止後に再開します。失敗は今から改めてカウントされ、エラーしきい値を引き上げることもできます（理由の入力が必要です）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Offer the update again (asks for a reason).</source>
        <translation>アップデートの提供を再開します（理由の入力が必要です）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A completed or cancelled rollout cannot be cancelled.</source>
        <translation>完了またはキャンセル済みのロールアウトはキャンセルできません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel the rollout: devices not offered yet never will be (asks for a reason).</source>
        <translation>ロールアウトをキャンセルします。まだ提供されていないデバイスには今後も提供されません（理由の入力が必要です）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No wave waits for its gate. This opens the gate of a wave that has soaked and waits for an operator.</source>
        <translation>ゲート待ちのウェーブはありません。この操作は、観察期間が経過してオペレーターを待っているウェーブのゲートを開きます。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The rollout is not running; resume it first.</source>
        <translation>ロールアウトは実行中ではありません。先に再開してください。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the gate after wave %1: wave %2 starts.</source>
        <translation>ウェーブ%1の後のゲートを開きます：ウェーブ%2が開始されます。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 To act, switch operator (File &gt; Switch Operator).</source>
        <translation>%1操作するには、オペレーターを切り替えてください（ファイル &gt; オペレーターの切り替え）。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Pause Rollout</source>
        <translation>ロールアウトの一時停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pause %1? No device gets a new offer until it is resumed; devices already updating finish.</source>
        <translation>%1を一時停止しますか？再開するまで、どのデバイスにも新たな提供は行われません。すでに更新中のデバイスは最後まで続行します。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Resume Rollout</source>
        <translation>ロールアウトの再開</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resume %1 after its halt? Say what was done about the cause. The error threshold counts failures from now on.</source>
        <translation>停止した%1を再開しますか？原因に対して行った対処を入力してください。エラーしきい値は、これ以降の失敗をカウントします。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resume %1? Devices get offers again.</source>
        <translation>%1を再開しますか？デバイスへの提供が再開されます。</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+3"/>
        <source>Cancel Rollout</source>
        <translation>ロールアウトのキャンセル</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Cancel %1? Devices not offered yet will never be; it cannot be resumed afterwards.</source>
        <translation>%1をキャンセルしますか？まだ提供されていないデバイスには今後も提供されません。キャンセル後は再開できません。</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutDetailPanel</name>
    <message>
        <location filename="../views/rolloutdetailpanel.cpp" line="+109"/>
        <source>Time</source>
        <translation>日時</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change</source>
        <translation>変更</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By</source>
        <translation>実行者</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rollout history</source>
        <translation>ロールアウト履歴</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Rollout state</source>
        <translation>ロールアウトの状態</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Halt reason</source>
        <translation>停止理由</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Gate</source>
        <translation>ゲート</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Targeted devices by model and wave</source>
        <translation>モデル別・ウェーブ別の対象デバイス</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Progress</source>
        <translation>進捗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan</source>
        <translation>計画</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Targets</source>
        <translation>対象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>履歴</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Select a rollout to see its waves, plan and history.</source>
        <translation>ロールアウトを選択すると、ウェーブ、計画、履歴が表示されます。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No rollout service is connected.</source>
        <translation>ロールアウトサービスが接続されていません。</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>%1, wave %2 of %3</source>
        <translation>%1、ウェーブ%2/%3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Release %1</source>
        <translation>リリース%1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln targeted device(s)</source>
        <translation>
            <numerusform>対象デバイス%Ln台</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>created by %1, %2</source>
        <translation>作成者：%1、%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>started %1</source>
        <translation>開始：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>starts %1</source>
        <translation>開始予定：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>finished %1</source>
        <translation>終了：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>deadline %1</source>
        <translation>期限：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No reason was recorded.</source>
        <translation>理由は記録されていません。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wave %1 halted: %2</source>
        <translation>ウェーブ%1が停止しました：%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Halted: %1</source>
        <translation>停止：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Wave %1 has soaked and waits for an operator: Continue to Next Wave starts wave %2.</source>
        <translation>ウェーブ%1の観察期間が経過し、オペレーターを待っています。「次のウェーブへ進む」でウェーブ%2が開始されます。</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%Ln device(s) targeted. Left out: %1 already current, %2 rooted, %3 ported, %4 past their support end, %5 in another rollout, %6 outside the filter.</source>
        <translation>
            <numerusform>対象デバイス%Ln台。対象外：最新済み%1、ルート化%2、他事業者へ転出%3、サポート終了%4、別のロールアウトの対象%5、フィルター対象外%6。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>History (%1)</source>
        <translation>履歴（%1）</translation>
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
        <translation>ロールアウトエンジン</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (%2)</source>
        <comment>operator name, role</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Scheduled %1.</source>
        <translation>%1を予約しました。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Paused %1.</source>
        <translation>%1を一時停止しました。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Resumed %1.</source>
        <translation>%1を再開しました。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelled %1.</source>
        <translation>%1をキャンセルしました。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Opened the gate of %1.</source>
        <translation>%1のゲートを開きました。</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutEngine</name>
    <message>
        <location filename="../services/rollout/rolloutengine.cpp" line="+44"/>
        <source>advance the rollout</source>
        <translation>ロールアウトの進行</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutFormat</name>
    <message>
        <location filename="../models/rolloutformat.cpp" line="+85"/>
        <source>Waiting for the gate</source>
        <translation>ゲート待ち</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1, soaking until %2</source>
        <translation>%1、%2まで観察期間</translation>
    </message>
    <message numerus="yes">
        <location line="+31"/>
        <source>%Ln device(s)</source>
        <translation>
            <numerusform>%Ln台</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The rest</source>
        <translation>残りすべて</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Wave %1</source>
        <translation>ウェーブ%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wave %1 · %2</source>
        <comment>wave number, size</comment>
        <translation>ウェーブ%1・%2</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>≥ %1 succeed; halt above %2 failed (from %Ln result(s))</source>
        <translation>
            <numerusform>成功%1以上、失敗%2超で停止（結果%Ln件から判定）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>None</source>
        <translation>なし</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln hour(s)</source>
        <translation>
            <numerusform>%Ln時間</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln minute(s)</source>
        <translation>
            <numerusform>%Ln分</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Any time</source>
        <translation>いつでも</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1–%2 device-local time</source>
        <comment>maintenance window start, end</comment>
        <translation>%1～%2（デバイスの現地時刻）</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>%1 %2: %3</source>
        <comment>mark, label, count</comment>
        <translation>%1 %2：%3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 %2: %3 (%4)</source>
        <comment>mark, label, count, share</comment>
        <translation>%1 %2：%3（%4）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>, %Ln rolled back</source>
        <translation>
            <numerusform>、ロールバック%Ln台</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>In progress</source>
        <translation>進行中</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>, %Ln postponed</source>
        <translation>
            <numerusform>、延期%Ln台</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pending</source>
        <translation>保留中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancelled or expired</source>
        <translation>キャンセルまたは期限切れ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Total: %1</source>
        <translation>合計：%1</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutJson</name>
    <message>
        <location filename="../services/rollout/rolloutjson.cpp" line="+74"/>
        <source>The rollout plan is malformed: %1.</source>
        <translation>ロールアウト計画の形式が正しくありません：%1。</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutListModel</name>
    <message>
        <location filename="../models/rolloutlistmodel.cpp" line="+32"/>
        <source>%1, wave %2 of %3</source>
        <comment>state, wave number, wave count</comment>
        <translation>%1、ウェーブ%2/%3</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Starts %1</source>
        <translation>開始予定：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduled to start %1</source>
        <translation>%1に開始予定</translation>
    </message>
    <message>
        <location line="+239"/>
        <source>Created by %1 on %2</source>
        <translation>作成者：%1（%2）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A wave has soaked and waits for an operator to continue.</source>
        <translation>観察期間が経過したウェーブがあり、オペレーターの続行を待っています。</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>%1 succeeded, %2 failed, %3 in progress, %4 pending</source>
        <translation>成功%1、失敗%2、進行中%3、保留中%4</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Rollout</source>
        <translation>ロールアウト</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Release</source>
        <translation>リリース</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Progress</source>
        <translation>進捗</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Targets</source>
        <translation>対象</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started</source>
        <translation>開始日時</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Halt reason</source>
        <translation>停止理由</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutPlanView</name>
    <message>
        <location filename="../views/rolloutplanview.cpp" line="+52"/>
        <source>Wave</source>
        <translation>ウェーブ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>規模</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Succeeds at</source>
        <translation>成功しきい値</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Halts above</source>
        <translation>エラーしきい値</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From results</source>
        <translation>判定に必要な結果数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Soak</source>
        <translation>観察期間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manual gate</source>
        <translation>手動ゲート</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The wave halts when more than this share of its results are failures.</source>
        <translation>結果のうち失敗の割合がこの値を超えると、ウェーブは停止します。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The error threshold applies once this many devices reported a result.</source>
        <translation>この台数のデバイスから結果が報告されると、エラーしきい値が適用されます。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>After soaking, the next wave waits for an operator to continue.</source>
        <translation>観察期間の経過後、次のウェーブはオペレーターの続行を待ちます。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Planned waves</source>
        <translation>計画されたウェーブ</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>End-user notice as the device shows it</source>
        <translation>デバイスに表示されるエンドユーザー向け通知</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Targets:</source>
        <translation>対象：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schedule:</source>
        <translation>スケジュール：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>End-user notice:</source>
        <translation>エンドユーザー向け通知：</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Model %1</source>
        <translation>モデル%1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Region %1</source>
        <translation>地域%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>, </source>
        <comment>list separator</comment>
        <translation>、</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Every model of the release</source>
        <translation>リリースのすべてのモデル</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Models: %1</source>
        <translation>モデル：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Every region</source>
        <translation>すべての地域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regions: %1</source>
        <translation>地域：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Patch level older than %1</source>
        <translation>パッチレベルが%1より古い</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Firmware sequence below %1</source>
        <translation>ファームウェアのシーケンスが%1未満</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>rooted</source>
        <translation>ルート化済み</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ported</source>
        <translation>他事業者へ転出済み</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>past their support end</source>
        <translation>サポート終了済み</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rooted, ported and unsupported devices are left out</source>
        <translation>ルート化済み、他事業者へ転出済み、サポート終了済みのデバイスは除外</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Includes devices that are %1</source>
        <translation>次に該当するデバイスも含む：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Starts %1</source>
        <translation>開始：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Starts as soon as it is scheduled</source>
        <translation>予約後すぐに開始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Installs: %1</source>
        <translation>インストール：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deadline %1: devices not offered by then are left out</source>
        <translation>期限%1：それまでに提供されなかったデバイスは除外</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No deadline</source>
        <translation>期限なし</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Devices the operator cannot reach get it from the manufacturer: %1</source>
        <translation>事業者が到達できないデバイスはメーカーから入手：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No manufacturer fallback</source>
        <translation>メーカーフォールバックなし</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No</source>
        <translation>いいえ</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutPlanner</name>
    <message>
        <location filename="../services/rollout/rolloutplanner.cpp" line="+39"/>
        <source>read the release</source>
        <translation>リリースの読み取り</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Release %1 does not exist.</source>
        <translation>リリース%1は存在しません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose an approved release.</source>
        <translation>承認済みのリリースを選択してください。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>read the release&apos;s models</source>
        <translation>リリースのモデルの読み取り</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Release %1 was withdrawn: it must not be rolled out.</source>
        <translation>リリース%1は取り下げられています。ロールアウトすることはできません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Release %1 is %2, not approved: only approved releases are rolled out.</source>
        <translation>リリース%1は「%2」状態で、承認されていません。ロールアウトできるのは承認済みのリリースのみです。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Hardware model %1 is not one the release is for.</source>
        <translation>ハードウェアモデル%1はこのリリースの対象ではありません。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>read the devices in active rollouts</source>
        <translation>実行中のロールアウトに含まれるデバイスの読み取り</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>read the targeted devices</source>
        <translation>対象デバイスの読み取り</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>No device is targeted: every device of the release&apos;s models is excluded or filtered out.</source>
        <translation>対象デバイスがありません。リリースの対象モデルのデバイスはすべて除外されたか、フィルターで絞り込まれています。</translation>
    </message>
    <message numerus="yes">
        <location line="+41"/>
        <source>%Ln device(s) past their support end-date are included; they should be replaced (SSU-SEC-0040).</source>
        <translation>
            <numerusform>サポート終了日を過ぎたデバイス%Ln台が含まれています。これらのデバイスは交換が必要です（SSU-SEC-0040）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln device(s) past their support end-date are left out and listed for replacement (SSU-SEC-0040).</source>
        <translation>
            <numerusform>サポート終了日を過ぎたデバイス%Ln台は除外され、交換対象として一覧表示されます（SSU-SEC-0040）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln rooted or modified device(s) are included.</source>
        <translation>
            <numerusform>ルート化または改造されたデバイス%Ln台が含まれています。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln device(s) ported to another operator are included (SSU-TES-0030).</source>
        <translation>
            <numerusform>他事業者へ転出したデバイス%Ln台が含まれています（SSU-TES-0030）。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln device(s) are in another active rollout and are left out.</source>
        <translation>
            <numerusform>%Ln台のデバイスは実行中の別のロールアウトに含まれているため、除外されます。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The manufacturer fallback needs the address of the manufacturer&apos;s update server.</source>
        <translation>メーカーへのフォールバックには、メーカーのアップデートサーバーのアドレスが必要です。</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutPreviewModel</name>
    <message>
        <location filename="../models/rolloutpreviewmodel.cpp" line="+21"/>
        <source>All models</source>
        <translation>すべてのモデル</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>%1 by %2</source>
        <comment>model by manufacturer</comment>
        <translation>%2の%1</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Devices</source>
        <translation>デバイス</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wave %1</source>
        <translation>ウェーブ%1</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutPreviewView</name>
    <message>
        <location filename="../views/rolloutpreviewview.cpp" line="+39"/>
        <source>Show in &amp;Devices</source>
        <translation>デバイスページに表示(&amp;D)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Targeted devices</source>
        <translation>対象デバイス</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wave sizes</source>
        <translation>ウェーブのサイズ</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Already current (same or newer firmware):</source>
        <translation>更新済み（同じか新しいファームウェア）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rooted or modified (left out):</source>
        <translation>ルート化または改造（除外）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ported to another operator (left out):</source>
        <translation>他事業者へ転出（除外）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Past their support end (to replace):</source>
        <translation>サポート終了（要交換）：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In another active rollout:</source>
        <translation>実行中の別のロールアウトに含まれる：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outside the region, patch level or sequence filter:</source>
        <translation>地域、パッチレベル、またはシーケンスのフィルター対象外：</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Open the Devices page with the devices of these models whose support has ended</source>
        <translation>これらのモデルのうちサポートが終了したデバイスをデバイスページで開きます</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>End-user notice as the device shows it</source>
        <translation>デバイスに表示されるエンドユーザー向け通知</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The notice as the device shows it:</source>
        <translation>デバイスに表示される通知：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Problems and warnings</source>
        <translation>問題と警告</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Targeted devices by model and wave</source>
        <translation>モデル別・ウェーブ別の対象デバイス</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Choose a release to see what the rollout would target.</source>
        <translation>リリースを選択すると、ロールアウトの対象が表示されます。</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%Ln device(s) targeted</source>
        <translation>
            <numerusform>対象デバイス：%Ln台</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>wave %1: %2</source>
        <translation>ウェーブ%1：%2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No waves.</source>
        <translation>ウェーブがありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Devices per wave: %1</source>
        <translation>ウェーブごとのデバイス数：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>, </source>
        <comment>list separator</comment>
        <translation>、</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Problem: %1</source>
        <translation>問題：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No problems: the rollout can be created.</source>
        <translation>問題はありません。ロールアウトを作成できます。</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutReason</name>
    <message numerus="yes">
        <location filename="../services/rollout/rolloutreason.cpp" line="+43"/>
        <source>Wave %1 halted: %2 of %Ln result(s) failed (%3%), above the error threshold of %4%.</source>
        <translation>
            <numerusform>ウェーブ%1を停止しました：結果%Ln件中%2件が失敗し（%3%）、エラーしきい値%4%を超えました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>Wave %1 halted: every device reported, but only %2 of %Ln succeeded (%3%), below the success threshold of %4%.</source>
        <translation>
            <numerusform>ウェーブ%1を停止しました：すべてのデバイスが報告しましたが、%Ln件中成功は%2件のみで（%3%）、成功しきい値%4%を下回りました。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Halted: release %1 was withdrawn.</source>
        <translation>停止：リリース%1が取り下げられました。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Scheduled start reached; wave 1 started.</source>
        <translation>予約した開始日時になりました。ウェーブ1を開始しました。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wave %1 started.</source>
        <translation>ウェーブ%1を開始しました。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gate after wave %1 opened.</source>
        <translation>ウェーブ%1の後のゲートを開きました。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created.</source>
        <translation>作成しました。</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Completed: %Ln device(s) updated</source>
        <translation>
            <numerusform>完了：%Ln台のデバイスを更新</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>, %Ln failed</source>
        <translation>
            <numerusform>、%Ln台が失敗</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>, %Ln not offered before the deadline</source>
        <translation>
            <numerusform>、%Ln台は期限までに提供されず</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Deadline reached: %Ln device(s) the operator could not reach are left to the manufacturer&apos;s update server (%1).</source>
        <translation>
            <numerusform>期限に達しました: 事業者が到達できなかった %Ln 台のデバイスはメーカーのアップデートサーバー (%1) に任せます。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Deadline reached: %Ln device(s) not yet offered will not be.</source>
        <translation>
            <numerusform>期限に達しました：まだ提供されていないデバイス%Ln台には提供されません。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutReasonDialog</name>
    <message>
        <location filename="../views/rolloutreasondialog.cpp" line="+34"/>
        <source>&amp;Reason (recorded in the rollout history and the audit log):</source>
        <translation>理由(&amp;R)（ロールアウト履歴と監査ログに記録されます）：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New error threshold</source>
        <translation>新しいエラーしきい値</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Failures are counted again from the moment the rollout resumes.</source>
        <translation>失敗は、ロールアウトを再開した時点から改めてカウントされます。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Raise the &amp;error threshold of wave %1 to</source>
        <translation>ウェーブ%1のエラーしきい値の引き上げ先(&amp;E)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wave %1 halts when more than %2 of its results are failures.</source>
        <translation>ウェーブ%1は、結果のうち失敗が%2を超えると停止します。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Write a reason first.</source>
        <translation>先に理由を入力してください。</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutRules</name>
    <message>
        <location filename="../services/domain/rolloutrules.cpp" line="+71"/>
        <source>The plan has no waves. Add at least one wave.</source>
        <translation>計画にウェーブがありません。ウェーブを少なくとも1つ追加してください。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Wave %1: the share of devices must be more than 0% and at most 100% (it is %2%). Correct the percentage.</source>
        <translation>ウェーブ%1：デバイスの割合は0%より大きく100%以下にしてください（現在は%2%）。割合を修正してください。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Wave %1: the number of devices must be at least 1 (it is %2). Correct the count or remove the wave.</source>
        <translation>ウェーブ%1：デバイス数は1以上にしてください（現在は%2）。デバイス数を修正するか、ウェーブを削除してください。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Wave %1: only one wave can take the rest of the devices (wave %2 already does). Give this wave a size or remove it.</source>
        <translation>ウェーブ%1：残りのデバイスを割り当てられるウェーブは1つだけです（ウェーブ%2がすでに割り当てられています）。このウェーブにサイズを指定するか、削除してください。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Wave %1 takes the rest of the devices, so it must be the last wave. Move it to the end or remove the waves after it.</source>
        <translation>ウェーブ%1には残りのデバイスが割り当てられるため、最後のウェーブにする必要があります。末尾に移動するか、後続のウェーブを削除してください。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Wave %1: the success threshold must be more than 0% and at most 100% (it is %2%).</source>
        <translation>ウェーブ%1：成功しきい値は0%より大きく100%以下にしてください（現在は%2%）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wave %1: the error threshold must be at least 0% and below 100% (it is %2%).</source>
        <translation>ウェーブ%1：エラーしきい値は0%以上100%未満にしてください（現在は%2%）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wave %1: the error threshold needs at least 1 result before it applies (the minimum is %2).</source>
        <translation>ウェーブ%1：エラーしきい値を適用するには、少なくとも1件の結果が必要です（最小結果数は%2）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wave %1: the soak time must be from 0 to %2 minutes (a week); it is %3 minutes.</source>
        <translation>ウェーブ%1：待機時間は0～%2分（1週間）の範囲で指定してください。現在は%3分です。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The percentage waves add up to %1% and leave nothing for wave %2, which takes the rest. Lower them below 100% or remove wave %2.</source>
        <translation>割合指定のウェーブの合計が%1%になり、残りを割り当てるウェーブ%2に何も残りません。合計を100%未満に下げるか、ウェーブ%2を削除してください。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The percentage waves add up to %1%, more than all devices. Lower them so that they add up to 100%.</source>
        <translation>割合指定のウェーブの合計が%1%になり、全デバイスを超えています。合計が100%になるように下げてください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The waves cover only %1% of the devices. Add a last wave for the rest, or make the percentages add up to 100%.</source>
        <translation>ウェーブの対象はデバイスの%1%のみです。残りのための最後のウェーブを追加するか、割合の合計を100%にしてください。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The maintenance window has no valid start or end time. Set both, or switch the window off to let devices install at any time.</source>
        <translation>メンテナンス時間帯の開始時刻または終了時刻が無効です。両方を設定するか、時間帯をオフにしてデバイスがいつでもインストールできるようにしてください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The maintenance window starts and ends at %1, so devices would never install. Set a different end, or switch the window off to let devices install at any time.</source>
        <translation>メンテナンス時間帯の開始と終了がどちらも%1のため、デバイスがインストールすることはありません。別の終了時刻を設定するか、時間帯をオフにしてデバイスがいつでもインストールできるようにしてください。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The deadline (%1) is before the start (%2). Move the deadline after the start, or remove it.</source>
        <translation>期限（%1）が開始（%2）より前です。期限を開始より後にするか、削除してください。</translation>
    </message>
    <message numerus="yes">
        <location line="+57"/>
        <source>The waves ask for more devices than the %Ln targeted: wave %1 gets only %2. Lower the device counts or percentages.</source>
        <translation>
            <numerusform>ウェーブが要求するデバイス数が対象の%Ln台を超えています。ウェーブ%1には%2台しか割り当てられません。デバイス数または割合を下げてください。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>The waves ask for more devices than the %Ln targeted: wave %1 gets only %2 and the waves after it none. Lower the device counts or percentages.</source>
        <translation>
            <numerusform>ウェーブが要求するデバイス数が対象の%Ln台を超えています。ウェーブ%1には%2台しか割り当てられず、それ以降のウェーブには割り当てられません。デバイス数または割合を下げてください。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>%Ln device(s) would be left out: the waves cover only %1 of %2. Add a last wave for the rest, or make the waves larger.</source>
        <translation>
            <numerusform>%Ln台のデバイスが対象外になります。ウェーブの対象は%2台中%1台のみです。残りのための最後のウェーブを追加するか、ウェーブを大きくしてください。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+161"/>
        <source>Security update</source>
        <translation>セキュリティアップデート</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Security update (patch level %1)</source>
        <translation>セキュリティアップデート（パッチレベル%1）</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>This security update fixes vulnerabilities in the device&apos;s software. Install it to keep the device protected.</source>
        <translation>このセキュリティアップデートは、デバイスのソフトウェアの脆弱性を修正します。デバイスを保護するためにインストールしてください。</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>This security update fixes %Ln known vulnerability(ies). Install it to keep the device protected.</source>
        <translation>
            <numerusform>このセキュリティアップデートは、%Ln件の既知の脆弱性を修正します。デバイスを保護するためにインストールしてください。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%1 and %Ln more</source>
        <translation>
            <numerusform>%1、ほか%Ln件</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This security update fixes %1. Install it to keep the device protected.</source>
        <translation>このセキュリティアップデートは%1を修正します。デバイスを保護するためにインストールしてください。</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutScheduleEditor</name>
    <message>
        <location filename="../views/rolloutscheduleeditor.cpp" line="+20"/>
        <source>As soon as it is &amp;scheduled</source>
        <translation>予約後すぐ(&amp;S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;At</source>
        <translation>日時指定(&amp;A)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Install only &amp;between</source>
        <translation>インストール時間帯を限定(&amp;B)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Leave out devices not offered by</source>
        <translation>次の日時までに提供されないデバイスを除外(&amp;L)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Start time</source>
        <translation>開始日時</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Maintenance window start</source>
        <translation>メンテナンス時間帯の開始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maintenance window end</source>
        <translation>メンテナンス時間帯の終了</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>and</source>
        <translation>～</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>device-local time</source>
        <translation>（デバイスの現地時刻）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Devices download at any time and install inside the window, in their own time zone. A window may cross midnight (22:00 to 04:00).</source>
        <translation>デバイスはいつでもダウンロードし、各デバイスのタイムゾーンで時間帯内にインストールします。時間帯は午前0時をまたいでもかまいません（22:00～04:00）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Deadline</source>
        <translation>期限</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Start:</source>
        <translation>開始：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maintenance window:</source>
        <translation>メンテナンス時間帯：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deadline:</source>
        <translation>期限：</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutService</name>
    <message>
        <location filename="../services/rollout/rolloutservice.cpp" line="+35"/>
        <source>Rollout %1 is %2: it cannot be %3.</source>
        <translation>ロールアウト%1は「%2」状態のため、%3できません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refresh the list to see its current state.</source>
        <translation>一覧を更新して現在の状態を確認してください。</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>start a transaction</source>
        <translation>トランザクションの開始</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The rollout cannot be created: %1</source>
        <translation>ロールアウトを作成できません：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change the plan and look at the preview again.</source>
        <translation>計画を変更して、プレビューをもう一度確認してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Release %1</source>
        <translation>リリース%1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>register the release&apos;s build</source>
        <translation>リリースのビルドの登録</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>store the rollout</source>
        <translation>ロールアウトの保存</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>store the rollout waves</source>
        <translation>ロールアウトのウェーブの保存</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>store the rollout&apos;s devices</source>
        <translation>ロールアウトのデバイスの保存</translation>
    </message>
    <message>
        <location line="+37"/>
        <location line="+31"/>
        <source>schedule the rollout</source>
        <translation>ロールアウトの予約</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>create the rollout</source>
        <translation>ロールアウトの作成</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>scheduled</source>
        <translation>予約</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Release %1 is %2: only approved releases are rolled out.</source>
        <translation>リリース%1は「%2」状態です。ロールアウトできるのは承認済みのリリースのみです。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel this draft.</source>
        <translation>この下書きをキャンセルしてください。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>paused</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>pause the rollout</source>
        <translation>ロールアウトの一時停止</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>An error threshold is below 100%.</source>
        <translation>エラーしきい値は100%未満にしてください。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>resumed</source>
        <translation>再開</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Release %1 was withdrawn: the rollout cannot resume.</source>
        <translation>リリース%1は取り下げられたため、ロールアウトを再開できません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel the rollout.</source>
        <translation>ロールアウトをキャンセルしてください。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>resume the halted wave</source>
        <translation>停止中のウェーブの再開</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+13"/>
        <source>resume the rollout</source>
        <translation>ロールアウトの再開</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cancelling a rollout needs a reason.</source>
        <translation>ロールアウトをキャンセルするには理由が必要です。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Say why the rollout is cancelled.</source>
        <translation>ロールアウトをキャンセルする理由を入力してください。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>cancelled</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+8"/>
        <source>cancel the rollout</source>
        <translation>ロールアウトのキャンセル</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>No wave of rollout %1 waits for an operator to continue.</source>
        <translation>ロールアウト%1には、オペレーターによる続行を待っているウェーブはありません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A gate opens once its wave succeeded and soaked.</source>
        <translation>ゲートが開くのは、そのウェーブが成功し、待機時間が経過した後です。</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+10"/>
        <source>open the gate</source>
        <translation>ゲートの開放</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutStore</name>
    <message>
        <location filename="../services/rollout/rolloutstore.cpp" line="+48"/>
        <source>read the rollouts</source>
        <translation>ロールアウトの読み取り</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>read the rollout waves</source>
        <translation>ロールアウトのウェーブの読み取り</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>Rollout %1 does not exist.</source>
        <translation>ロールアウト%1は存在しません。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>read the rollout plan</source>
        <translation>ロールアウト計画の読み取り</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>read the rollout history</source>
        <translation>ロールアウト履歴の読み取り</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>change the rollout state</source>
        <translation>ロールアウト状態の変更</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rollout %1 is no longer %2.</source>
        <translation>ロールアウト%1はもう「%2」状態ではありません。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refresh the list and try again.</source>
        <translation>一覧を更新して、もう一度お試しください。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>record the rollout transition</source>
        <translation>ロールアウトの状態遷移の記録</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutTargetsEditor</name>
    <message>
        <location filename="../views/rollouttargetseditor.cpp" line="+57"/>
        <source>Only devices with a &amp;patch level older than</source>
        <translation>パッチレベルが次より古いデバイスのみ(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Only devices with a firmware se&amp;quence below</source>
        <translation>ファームウェアのシーケンスが次より小さいデバイスのみ(&amp;Q)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Include r&amp;ooted or modified devices</source>
        <translation>ルート化または改造されたデバイスを含める(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Include devices &amp;ported to another operator</source>
        <translation>他事業者へ転出したデバイスを含める(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Include devices past their &amp;support end</source>
        <translation>サポート終了後のデバイスを含める(&amp;S)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Models</source>
        <translation>モデル</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Regions</source>
        <translation>地域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Models of the release:</source>
        <translation>リリースの対象モデル(&amp;M)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>R&amp;egions:</source>
        <translation>地域(&amp;E)：</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Patch level older than</source>
        <translation>パッチレベル（指定日より古い）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Firmware sequence below</source>
        <translation>ファームウェアのシーケンス（指定値未満）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>SSU-TES-0030: devices with user-modified software are left out unless included.</source>
        <translation>SSU-TES-0030：ユーザーがソフトウェアを改造したデバイスは、含めるよう指定しない限り除外されます。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SSU-TES-0030: devices whose subscription moved are left out unless included.</source>
        <translation>SSU-TES-0030：契約が他事業者へ移ったデバイスは、含めるよう指定しない限り除外されます。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SSU-SEC-0040: devices past their support end should be replaced; they are listed in the preview.</source>
        <translation>SSU-SEC-0040：サポート終了後のデバイスは交換が必要です。これらはプレビューに一覧表示されます。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 (%2)</source>
        <comment>region name, code</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 (not in the fleet)</source>
        <translation>%1（フリートに存在しない）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1, supported until %2</source>
        <translation>%1（サポート期限：%2）</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Choose at least one model.</source>
        <translation>モデルを少なくとも1つ選択してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose at least one region.</source>
        <translation>地域を少なくとも1つ選択してください。</translation>
    </message>
</context>
<context>
    <name>Patchboard::RolloutsPage</name>
    <message>
        <location filename="../views/rolloutspage.cpp" line="+48"/>
        <source>&amp;New Rollout…</source>
        <translation>新規ロールアウト(&amp;N)…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>New rollout</source>
        <translation>新規ロールアウト</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rollout count</source>
        <translation>ロールアウト数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading rollouts…</source>
        <translation>ロールアウトを読み込み中…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Rollouts</source>
        <translation>ロールアウト</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No rollouts yet. A rollout manager plans one from an approved release with New Rollout (Ctrl+Shift+N).</source>
        <translation>ロールアウトはまだありません。ロールアウトマネージャーが承認済みのリリースから「新規ロールアウト」（Ctrl+Shift+N）で計画します。</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>No rollout service is connected.</source>
        <translation>ロールアウトサービスが接続されていません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rollouts are not available.</source>
        <translation>ロールアウトは利用できません。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Rollouts could not be loaded.</source>
        <translation>ロールアウトを読み込めませんでした。</translation>
    </message>
    <message numerus="yes">
        <location line="+67"/>
        <source>%Ln rollout(s)</source>
        <translation>
            <numerusform>ロールアウト%Ln件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>, %Ln running</source>
        <translation>
            <numerusform>、実行中%Ln件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>, %Ln waiting for the gate</source>
        <translation>
            <numerusform>、ゲート待ち%Ln件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln halted</source>
        <translation>
            <numerusform>停止中%Ln件</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Rollouts need the rollout service and the firmware server.</source>
        <translation>ロールアウトには、ロールアウトサービスとファームウェアサーバーが必要です。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Plan a staged rollout of an approved release (Ctrl+Shift+N)</source>
        <translation>承認済みリリースの段階的ロールアウトを計画します（Ctrl+Shift+N）</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress</source>
        <translation>進行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending</source>
        <translation>保留中</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Running, wave %1 of %2</source>
        <translation>実行中（ウェーブ%1/%2）</translation>
    </message>
</context>
<context>
    <name>Patchboard::SelfSignedCertificate</name>
    <message>
        <location filename="../services/crypto/selfsignedcertificate.cpp" line="+46"/>
        <source>Cannot %1: %2</source>
        <translation>%1に失敗しました：%2</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+36"/>
        <source>make a subject alternative name</source>
        <translation>サブジェクト代替名の作成</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>encode the address %1</source>
        <translation>アドレス%1のエンコード</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&quot;%1&quot; is neither a host name nor an IP address.</source>
        <translation>「%1」はホスト名でもIPアドレスでもありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give host names like server.example.org or addresses like 192.0.2.10.</source>
        <translation>server.example.orgのようなホスト名か、192.0.2.10のようなアドレスを指定してください。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>encode the host name %1</source>
        <translation>ホスト名%1のエンコード</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>add the certificate extension %1</source>
        <translation>証明書拡張%1の追加</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Cannot read the %1 %2: %3.</source>
        <translation>%1（%2）を読み込めません：%3。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the file&apos;s permissions, or delete the development certificate and its key to make new ones.</source>
        <translation>ファイルのアクセス権を確認するか、開発用証明書とその鍵を削除して新しく作成してください。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The %1 %2 is too large for a PEM file.</source>
        <translation>%1（%2）はPEMファイルとしては大きすぎます。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Delete %1 and %2 to make a new development certificate (the consoles then have to trust the new one), or give your own with --cert and --key.</source>
        <translation>%1と%2を削除して新しい開発用証明書を作成する（その後、コンソールで新しい証明書を信頼する必要があります）か、--certと--keyで独自の証明書を指定してください。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>certificate</source>
        <translation>証明書</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>key</source>
        <translation>鍵</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 holds no PEM certificate.</source>
        <translation>%1にPEM証明書が含まれていません。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 holds no unencrypted PEM private key.</source>
        <translation>%1に暗号化されていないPEM秘密鍵が含まれていません。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The key %1 does not belong to the certificate %2.</source>
        <translation>鍵%1は証明書%2に対応していません。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The development certificate %1 has expired.</source>
        <translation>開発用証明書%1の有効期限が切れています。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cannot create %1: %2.</source>
        <translation>%1を作成できません：%2。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that the folder exists and is writable by the user patchboard-server runs as.</source>
        <translation>フォルダーが存在し、patchboard-serverを実行するユーザーが書き込めることを確認してください。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot write %1: %2.</source>
        <translation>%1に書き込めません：%2。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the free space of the disk.</source>
        <translation>ディスクの空き容量を確認してください。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>A development certificate is valid for 1 to 3650 days.</source>
        <translation>開発用証明書の有効期間は1～3650日です。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>generate a P-256 key</source>
        <translation>P-256鍵の生成</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>make a certificate</source>
        <translation>証明書の作成</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>make a serial number</source>
        <translation>シリアル番号の作成</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>set the serial number</source>
        <translation>シリアル番号の設定</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>set the validity</source>
        <translation>有効期間の設定</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>set the subject</source>
        <translation>サブジェクトの設定</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>make the subject alternative names</source>
        <translation>サブジェクト代替名の作成</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>add the subject alternative names</source>
        <translation>サブジェクト代替名の追加</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>sign the certificate</source>
        <translation>証明書への署名</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>write the certificate as PEM</source>
        <translation>証明書のPEM形式での書き出し</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 exists but %2 is missing.</source>
        <translation>%1は存在しますが、%2がありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore %1, or delete %2 to make a new development certificate (the consoles then have to trust the new one).</source>
        <translation>%1を復元するか、%2を削除して新しい開発用証明書を作成してください（その後、コンソールで新しい証明書を信頼する必要があります）。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot create the folder %1.</source>
        <translation>フォルダー%1を作成できません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that its parent is writable by the user patchboard-server runs as.</source>
        <translation>親フォルダーにpatchboard-serverを実行するユーザーが書き込めることを確認してください。</translation>
    </message>
</context>
<context>
    <name>Patchboard::Server</name>
    <message>
        <location filename="../services/api/patchboardserver.cpp" line="+55"/>
        <source>Opening was cancelled.</source>
        <translation>開く処理はキャンセルされました。</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>listen for other instances&apos; changes</source>
        <translation>他のインスタンスの変更を待ち受ける</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>--cert and --key go together.</source>
        <translation>--certと--keyは一緒に指定します。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name both files, or neither for the development certificate.</source>
        <translation>両方のファイルを指定するか、開発用証明書を使う場合はどちらも指定しないでください。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Cannot read the certificate %1 or its key %2.</source>
        <translation>証明書%1またはその鍵%2を読み込めません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check that both files exist and are readable.</source>
        <translation>両方のファイルが存在し、読み取り可能であることを確認してください。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 holds no PEM certificate, or %2 no PEM key (EC or RSA, unencrypted).</source>
        <translation>%1にPEM証明書が含まれていないか、%2にPEM鍵（ECまたはRSA、暗号化なし）が含まれていません。</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Cannot create the data folder %1.</source>
        <translation>データフォルダー%1を作成できません。</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Cannot listen on %1 port %2: %3.</source>
        <translation>%1のポート%2で待ち受けできません：%3。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Another program may use the port; choose another with --port.</source>
        <translation>別のプログラムがこのポートを使用している可能性があります。--portで別のポートを指定してください。</translation>
    </message>
</context>
<context>
    <name>Patchboard::SettingsDialog</name>
    <message>
        <location filename="../views/settingsdialog.cpp" line="+66"/>
        <location line="+8"/>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Connection</source>
        <translation>接続</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Operator</source>
        <translation>オペレーター</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Appearance</source>
        <translation>外観</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Compliance</source>
        <translation>コンプライアンス</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rollouts</source>
        <translation>ロールアウト</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Ctrl+Tab and Ctrl+Shift+Tab switch between the tabs</source>
        <translation>Ctrl+TabとCtrl+Shift+Tabでタブを切り替えます</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Problems</source>
        <translation>問題</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Puts the defaults into the fields of this tab; they are saved with OK or Apply</source>
        <translation>このタブの各フィールドに既定値を入力します。「OK」または「適用」で保存されます</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+426"/>
        <source>Saves the settings and keeps the dialog open</source>
        <translation>設定を保存し、ダイアログを開いたままにします</translation>
    </message>
    <message>
        <location line="-386"/>
        <source>Database file</source>
        <translation>データベースファイル</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Browse…</source>
        <translation>参照(&amp;B)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the database file</source>
        <translation>データベースファイルを選択</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Backend</source>
        <translation>バックエンド</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Embedded database</source>
        <translation>組み込みデータベース</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server (patchboard-server)</source>
        <translation>サーバー（patchboard-server）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Server address</source>
        <translation>サーバーアドレス</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CA file</source>
        <translation>CAファイル</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optional: a PEM file of the CA that signed the server&apos;s certificate</source>
        <translation>省略可：サーバーの証明書に署名したCAのPEMファイル</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Br&amp;owse…</source>
        <translation>参照(&amp;O)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose the CA file</source>
        <translation>CAファイルの選択</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pinned certificate fingerprint</source>
        <translation>ピン留めした証明書フィンガープリント</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optional: the SHA-256 fingerprint patchboard-server printed</source>
        <translation>省略可：patchboard-serverが表示したSHA-256フィンガープリント</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Bac&amp;kend:</source>
        <translation>バックエンド(&amp;K)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Embedded &amp;database file:</source>
        <translation>組み込みデータベースファイル(&amp;D)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Server addr&amp;ess:</source>
        <translation>サーバーアドレス(&amp;E)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;CA file:</source>
        <translation>CAファイル(&amp;C)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Pinned fingerprint:</source>
        <translation>ピン留めしたフィンガープリント(&amp;P)：</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Patchboard opens this SQLite file at start and creates it with a demo fleet when it does not exist. Empty: the default file shown. Used from the next start; --database FILE overrides it.</source>
        <translation>Patchboardは起動時にこのSQLiteファイルを開き、存在しない場合はデモフリート入りで作成します。空の場合は、表示されている既定のファイルを使用します。次回の起動から使用されます。--database FILEを指定するとそちらが優先されます。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>With a server, Patchboard signs in to patchboard-server at start and shows the fleet the server keeps. Its certificate must be signed by a CA this computer or the CA file trusts, or have the pinned fingerprint; nothing else is accepted. A change applies at the next start; --server, --ca-file and --pin override it.</source>
        <translation>サーバーを使用する場合、Patchboardは起動時にpatchboard-serverにサインインし、サーバーが管理するフリートを表示します。サーバーの証明書は、このコンピューターまたはCAファイルが信頼するCAによって署名されているか、ピン留めしたフィンガープリントと一致する必要があります。それ以外は受け付けません。変更は次回の起動時に適用されます。--server、--ca-file、--pinを指定するとこの設定より優先されます。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Operator name</source>
        <translation>オペレーター名</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Role</source>
        <translation>ロール</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Name:</source>
        <translation>名前(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Role:</source>
        <translation>ロール(&amp;R)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Who acts when Patchboard starts: the name recorded with every decision in the audit log, and the role that decides what may be done. Empty name: your user name on this computer. Used from the next start; --operator and --role override it, and File &gt; Switch Operator changes who acts now.</source>
        <translation>Patchboardの起動時に操作するユーザーです。名前は監査ログのすべての判断とともに記録され、ロールによって実行できる操作が決まります。名前が空の場合は、このコンピューターでのユーザー名を使用します。次回の起動から使用されます。--operatorと--roleを指定するとそちらが優先されます。現在操作するユーザーは「ファイル &gt; オペレーターの切り替え」で変更できます。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Theme</source>
        <translation>テーマ</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Patchboard shows the new language from its next start.</source>
        <translation>新しい言語は、Patchboardの次回起動時から表示されます。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Theme:</source>
        <translation>テーマ(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language:</source>
        <translation>言語(&amp;L)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>System follows the desktop; Light and Dark look the same on every desktop, charts included. The theme changes when you apply it. Dates and numbers follow the language; --lang overrides it.</source>
        <translation>「システム」はデスクトップの設定に従います。「ライト」と「ダーク」は、チャートも含めてどのデスクトップでも同じ外観になります。テーマは適用した時点で変更されます。日付と数値の表示は言語に従います。--langを指定するとそちらが優先されます。</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+4"/>
        <source> days</source>
        <translation> 日</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Patch level out of date after, in days</source>
        <translation>パッチレベルを更新遅れとみなすまでの日数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Warn before the end of support, in days</source>
        <translation>サポート終了前に警告する日数</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Patch level out of date after:</source>
        <translation>パッチレベルを更新遅れとみなすまで(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warn before &amp;end of support:</source>
        <translation>サポート終了前に警告(&amp;E)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A device whose security patch level is older than this is out of date (SSU-SEC-0020: monthly security updates; the default is a quarter). The patch-age chart splits its bars at this age.</source>
        <translation>セキュリティパッチレベルがこれより古いデバイスは更新遅れとなります（SSU-SEC-0020：毎月のセキュリティアップデート。既定値は四半期）。パッチ経過日数のチャートは、この日数でバーを区切ります。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Models whose support ends within this period are marked as ending soon so that their replacement can be planned (SSU-SEC-0040).</source>
        <translation>サポートがこの期間内に終了するモデルは「まもなく終了」と表示され、交換を計画できます (SSU-SEC-0040)。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The Compliance and Devices pages use the new limits when you apply them.</source>
        <translation>コンプライアンスページとデバイスページでは、適用した時点から新しい上限が使用されます。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Install only &amp;between</source>
        <translation>インストール時間帯を限定(&amp;B)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Maintenance window start</source>
        <translation>メンテナンス時間帯の開始</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Maintenance window end</source>
        <translation>メンテナンス時間帯の終了</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>and</source>
        <translation>～</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>device-local time</source>
        <translation>（デバイスの現地時刻）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Waves a new rollout starts with:</source>
        <translation>新しいロールアウトの初期ウェーブ：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The New Rollout dialog starts from these waves, thresholds and maintenance window; each rollout can still change them. The waves must cover every target: percentages that add up to 100%, or a last wave for the rest.</source>
        <translation>「新規ロールアウト」ダイアログでは、これらのウェーブ、しきい値、メンテナンス時間帯が初期値として使用されます。ロールアウトごとに変更することもできます。ウェーブはすべての対象をカバーする必要があります。割合の合計を100%にするか、残りのための最後のウェーブを設けてください。</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>CA File</source>
        <translation>CAファイル</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PEM certificates (*.pem *.crt);;All files (*)</source>
        <translation>PEM証明書 (*.pem *.crt);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>Embedded Database File</source>
        <translation>組み込みデータベースファイル</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SQLite databases (*.db *.sqlite);;All files (*)</source>
        <translation>SQLiteデータベース (*.db *.sqlite);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Give the database file with its full path, such as %1.</source>
        <translation>データベースファイルは、%1のようにフルパスで指定してください。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is a folder. Give the name of a database file in it.</source>
        <translation>%1はフォルダーです。その中のデータベースファイルの名前を指定してください。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>%1: %2</source>
        <comment>tab name: problem</comment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Saves the settings and closes the dialog</source>
        <translation>設定を保存し、ダイアログを閉じます</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>The settings could not be saved to %1. Check that the folder exists and that you may write to it.</source>
        <translation>設定を%1に保存できませんでした。フォルダーが存在し、書き込み権限があることを確認してください。</translation>
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
        <translation>注入(&amp;I)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;lear Faults</source>
        <translation>障害をクリア(&amp;L)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Fleet simulator</source>
        <translation>フリートシミュレーター</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Simulator</source>
        <translation>シミュレーター</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Simulated time</source>
        <translation>シミュレーション時刻</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The clock rollouts run on: waves, soak times, maintenance windows and deadlines follow it.</source>
        <translation>ロールアウトが従う時計です。ウェーブ、待機時間、メンテナンス時間帯、期限はこの時刻に従います。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Paused</source>
        <translation>一時停止</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maximum</source>
        <translation>最大</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Simulation speed</source>
        <translation>シミュレーション速度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;peed:</source>
        <translation>速度(&amp;P)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hardware model to inject failures into</source>
        <translation>障害を注入するハードウェアモデル</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Fault injection:</source>
        <translation>障害注入(&amp;F)：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>% fail</source>
        <comment>failure rate suffix</comment>
        <translation>% 失敗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failure rate to inject</source>
        <translation>注入する失敗率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inject failures</source>
        <translation>障害を注入</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear injected failures</source>
        <translation>注入した障害をクリア</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Injected faults</source>
        <translation>注入中の障害</translation>
    </message>
    <message>
        <location line="+139"/>
        <source>Model %1</source>
        <translation>モデル%1</translation>
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
        <translation>障害は注入されていません</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Injected: %1</source>
        <translation>注入中：%1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>, </source>
        <comment>list separator</comment>
        <translation>、</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Simulated time: %1</source>
        <translation>シミュレーション時刻：%1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A change to the simulator is on its way.</source>
        <translation>シミュレーターへの変更を反映しています。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Simulated seconds per real second; Maximum runs as fast as the computer can.</source>
        <translation>実時間1秒あたりのシミュレーション秒数です。「最大」では、コンピューターが処理できる最高速度で実行します。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Make the chosen model&apos;s devices fail at this rate, to see the error threshold halt a rollout.</source>
        <translation>選択したモデルのデバイスをこの割合で失敗させ、エラーしきい値によってロールアウトが停止する様子を確認します。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The fleet&apos;s hardware models are not known yet.</source>
        <translation>フリートのハードウェアモデルはまだ不明です。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove every injected failure rate.</source>
        <translation>注入したすべての失敗率を削除します。</translation>
    </message>
</context>
<context>
    <name>Patchboard::SupportStatusChart</name>
    <message>
        <location filename="../views/supportstatuschart.cpp" line="+42"/>
        <source>Devices by support status</source>
        <translation>サポート状況別デバイス</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1 (%2 of the fleet)
Click to list these devices.</source>
        <translation>%1（フリートの%2）
クリックするとこれらのデバイスを一覧表示します。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1: %2</source>
        <comment>status: devices</comment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Supported %1, ending soon %2, ended %3</source>
        <translation>サポート中%1、まもなく終了%2、終了済み%3</translation>
    </message>
</context>
<context>
    <name>Patchboard::SupportStatusModel</name>
    <message>
        <location filename="../models/supportstatusmodel.cpp" line="+76"/>
        <source>Devices on models without security support: replace them (SSU-SEC-0040).</source>
        <translation>セキュリティサポートのないモデルのデバイス：交換してください（SSU-SEC-0040）。</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Devices on models whose support ends within %Ln day(s).</source>
        <translation>
            <numerusform>%Ln日以内にサポートが終了するモデルのデバイス。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Support</source>
        <translation>サポート</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Devices</source>
        <translation>デバイス</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share</source>
        <translation>割合</translation>
    </message>
</context>
<context>
    <name>Patchboard::Telemetry</name>
    <message>
        <location filename="../services/domain/telemetry.cpp" line="+53"/>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rolled back</source>
        <translation>ロールバック</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Postponed</source>
        <translation>延期</translation>
    </message>
</context>
<context>
    <name>Patchboard::TelemetryEventsDialog</name>
    <message>
        <location filename="../views/telemetryeventsdialog.cpp" line="+15"/>
        <source>&amp;Replace device IDs with pseudonyms</source>
        <translation>デバイス ID を仮名に置き換える(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export Update Events</source>
        <translation>アップデートイベントのエクスポート</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Every update event of %1, oldest first, as a CSV file (UTF-8).</source>
        <translation>%1 のすべてのアップデートイベントを、古い順に CSV ファイル（UTF-8）として出力します。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Each device ID is replaced by a keyed hash of it.</source>
        <translation>各デバイス ID は、その ID の鍵付きハッシュに置き換えられます。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each device ID is replaced by a pseudonym that is the same for every event of that device in this file. The pseudonyms are keyed with a random salt made for this export and not stored anywhere: they cannot be traced back to devices, nor matched with another export.</source>
        <translation>各デバイス ID は仮名に置き換えられます。仮名は、このファイル内では同じデバイスのすべてのイベントで共通です。仮名はこのエクスポート用に生成されたランダムなソルトで鍵付けされ、ソルトはどこにも保存されません。そのため、仮名からデバイスを特定することも、別のエクスポートと照合することもできません。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Choose &amp;File…</source>
        <translation>ファイルを選択(&amp;F)…</translation>
    </message>
</context>
<context>
    <name>Patchboard::TelemetryExport</name>
    <message>
        <location filename="../views/telemetryexport.cpp" line="+56"/>
        <source>Could not write %1: %2</source>
        <translation>%1 に書き込めませんでした: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a folder you can write to, with free space.</source>
        <translation>書き込み可能で空き容量のあるフォルダーを選択してください。</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>The chart could not be drawn as a picture.</source>
        <translation>チャートを画像として描画できませんでした。</translation>
    </message>
</context>
<context>
    <name>Patchboard::TelemetryExportButton</name>
    <message>
        <location filename="../views/telemetryexportbutton.cpp" line="+29"/>
        <source>E&amp;xport</source>
        <translation>エクスポート(&amp;X)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export</source>
        <translation>エクスポート</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the chart on screen, its numbers, or the update events behind it</source>
        <translation>画面上のチャート、その数値、または元になったアップデートイベントを保存します</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save Chart as &amp;PNG…</source>
        <translation>チャートを PNG として保存(&amp;P)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save Chart as &amp;SVG…</source>
        <translation>チャートを SVG として保存(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save Chart &amp;Data as CSV…</source>
        <translation>チャートのデータを CSV として保存(&amp;D)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export Update &amp;Events…</source>
        <translation>アップデートイベントをエクスポート(&amp;E)…</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Save Chart as PNG</source>
        <translation>チャートを PNG として保存</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG images (*.png)</source>
        <translation>PNG 画像 (*.png)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save Chart as SVG</source>
        <translation>チャートを SVG として保存</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SVG drawings (*.svg)</source>
        <translation>SVG 図形 (*.svg)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save Chart Data as CSV</source>
        <translation>チャートのデータを CSV として保存</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+59"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV ファイル (*.csv);;すべてのファイル (*)</translation>
    </message>
    <message>
        <location line="-37"/>
        <location line="+9"/>
        <source>Saved chart to %1.</source>
        <translation>チャートを %1 に保存しました。</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>Saved the numbers of “%1” (%Ln row(s)) to %2.</source>
        <translation>
            <numerusform>「%1」の数値（%Ln 行）を %2 に保存しました。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+26"/>
        <source>Export Update Events</source>
        <translation>アップデートイベントのエクスポート</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Exporting the update events of %1…</source>
        <translation>%1 のアップデートイベントをエクスポートしています…</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Exported %Ln update event(s) to %1.</source>
        <translation>
            <numerusform>%Ln 件のアップデートイベントを %1 にエクスポートしました。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Device IDs were replaced with pseudonyms; their random salt was not stored, so they cannot be traced back.</source>
        <translation>デバイス ID は仮名に置き換えられました。ランダムなソルトは保存されていないため、元のデバイスを特定することはできません。</translation>
    </message>
</context>
<context>
    <name>Patchboard::TelemetryFormat</name>
    <message>
        <location filename="../models/telemetryformat.cpp" line="+52"/>
        <source>No reason reported</source>
        <translation>理由の報告なし</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wave %1</source>
        <translation>ウェーブ %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the first event</source>
        <translation>最初のイベント</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 – now</source>
        <comment>time range without end</comment>
        <translation>%1 – 現在</translation>
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
            <numerusform>%Ln 日</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln hour(s)</source>
        <translation>
            <numerusform>%Ln 時間</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln minute(s)</source>
        <translation>
            <numerusform>%Ln 分</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln second(s)</source>
        <translation>
            <numerusform>%Ln 秒</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Patchboard::TelemetryGroupChart</name>
    <message>
        <location filename="../views/telemetrygroupchart.cpp" line="+39"/>
        <source>Failures by wave</source>
        <translation>ウェーブ別の失敗</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failures by region</source>
        <translation>地域別の失敗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failures by hardware model</source>
        <translation>ハードウェアモデル別の失敗</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+10"/>
        <source>Failure rate (%)</source>
        <translation>失敗率 (%)</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Failures</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Click to list these devices.</source>
        <translation>クリックすると、これらのデバイスを一覧表示します。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Click to list the devices that failed or rolled back.</source>
        <translation>クリックすると、失敗またはロールバックしたデバイスを一覧表示します。</translation>
    </message>
    <message>
        <location line="+78"/>
        <source>Wave</source>
        <translation>ウェーブ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Region</source>
        <translation>地域</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hardware model</source>
        <translation>ハードウェアモデル</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (the %2 with the most failures of %3)</source>
        <translation>%1（%3 のうち失敗が最も多い%2）</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>%1: %Ln failure(s), failure rate %2</source>
        <translation>
            <numerusform>%1: 失敗 %Ln 件、失敗率 %2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(above average)</source>
        <translation>（平均超過）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No results in this range.</source>
        <translation>この期間に結果はありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, average failure rate %2. %3.</source>
        <translation>%1、平均失敗率 %2。%3。</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%Ln more in the table and the CSV export.</source>
        <translation>
            <numerusform>ほか %Ln 件は表と CSV エクスポートで確認できます。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Average failure rate: %1</source>
        <translation>平均失敗率: %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Error threshold of wave %1: %2</source>
        <translation>ウェーブ %1 のエラーしきい値: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Error threshold: %1</source>
        <translation>エラーしきい値: %1</translation>
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
        <translation>失敗率: %1（平均 %2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Failure rate: no results</source>
        <translation>失敗率: 結果なし</translation>
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
        <translation>平均失敗率 %1 を上回っています。</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Hardware model</source>
        <translation>ハードウェアモデル</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Region</source>
        <translation>地域</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wave</source>
        <translation>ウェーブ</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Failures</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Results</source>
        <translation>結果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failure rate (%)</source>
        <translation>失敗率 (%)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>vs. average (points)</source>
        <translation>平均との差（ポイント）</translation>
    </message>
</context>
<context>
    <name>Patchboard::TelemetryPage</name>
    <message>
        <location filename="../views/telemetrypage.cpp" line="+74"/>
        <source>Show &amp;Everything</source>
        <translation>すべて表示(&amp;E)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loading telemetry</source>
        <translation>テレメトリを読み込み中</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Telemetry summary</source>
        <translation>テレメトリの概要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Loading update events…</source>
        <translation>アップデートイベントを読み込んでいます…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Outcomes over Time</source>
        <translation>結果の推移(&amp;O)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failure &amp;Reasons</source>
        <translation>失敗理由(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By Hardware &amp;Model</source>
        <translation>ハードウェアモデル別(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By &amp;Wave</source>
        <translation>ウェーブ別(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Charts</source>
        <translation>チャート</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+9"/>
        <source>Top failing models and regions</source>
        <translation>失敗の多いモデルと地域</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>List Devices</source>
        <translation>デバイスを一覧表示</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Failed or rolled back. ⚠ marks a failure rate above the average. Click a row, a bar or a marker to list the devices.</source>
        <translation>失敗またはロールバック。⚠ は失敗率が平均を上回っていることを示します。行、バー、またはマーカーをクリックすると、デバイスを一覧表示します。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>No update events</source>
        <translation>アップデートイベントはありません</translation>
    </message>
    <message>
        <location line="+163"/>
        <source>No telemetry service is connected.</source>
        <translation>テレメトリサービスが接続されていません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Telemetry is not available.</source>
        <translation>テレメトリを利用できません。</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Update events could not be loaded.</source>
        <translation>アップデートイベントを読み込めませんでした。</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>No update events in the fleet yet. They appear here as soon as devices report on an update.</source>
        <translation>フリートにはまだアップデートイベントがありません。デバイスがアップデートについて報告すると、ここに表示されます。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No update events for %1 yet. They appear here once its first wave has started and devices report.</source>
        <translation>%1 のアップデートイベントはまだありません。最初のウェーブが開始され、デバイスが報告すると、ここに表示されます。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No update events for %1 yet. They appear here once a rollout of it has started and devices report.</source>
        <translation>%1 のアップデートイベントはまだありません。このリリースのロールアウトが開始され、デバイスが報告すると、ここに表示されます。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No update events between %1 and %2; the fleet&apos;s first event is %3, its latest %4.</source>
        <translation>%1 から %2 までのアップデートイベントはありません。フリートの最初のイベントは %3、最新のイベントは %4 です。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No update events between %1 and %2; the rollout&apos;s first event is %3, its latest %4.</source>
        <translation>%1 から %2 までのアップデートイベントはありません。このロールアウトの最初のイベントは %3、最新のイベントは %4 です。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No update events between %1 and %2; the release&apos;s first event is %3, its latest %4.</source>
        <translation>%1 から %2 までのアップデートイベントはありません。このリリースの最初のイベントは %3、最新のイベントは %4 です。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>%1, %2: no update events.</source>
        <translation>%1、%2: アップデートイベントはありません。</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%1, %2: %Ln result(s)</source>
        <translation>
            <numerusform>%1、%2: 結果 %Ln 件</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(%1 succeeded, %2 failed, %3 rolled back; failure rate %4), %5 postponed.</source>
        <translation>（成功 %1、失敗 %2、ロールバック %3、失敗率 %4）、延期 %5。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Error threshold of wave %1: %2.</source>
        <translation>ウェーブ %1 のエラーしきい値: %2。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Error threshold: %1.</source>
        <translation>エラーしきい値: %1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The failure rate is above it.</source>
        <translation>失敗率がしきい値を上回っています。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>any outcome</source>
        <translation>すべての結果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed or rolled back</source>
        <translation>失敗またはロールバック</translation>
    </message>
</context>
<context>
    <name>Patchboard::TelemetryQueryBar</name>
    <message>
        <location filename="../views/telemetryquerybar.cpp" line="+28"/>
        <source>F&amp;rom:</source>
        <translation>開始(&amp;R):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;To:</source>
        <translation>終了(&amp;T):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Show:</source>
        <translation>表示(&amp;S):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Scope</source>
        <translation>対象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The whole fleet, one rollout (▶ marks active ones) or every rollout of a release</source>
        <translation>フリート全体、1 つのロールアウト（▶ はアクティブなもの）、またはリリースのすべてのロールアウト</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Range:</source>
        <translation>期間(&amp;R):</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Time range</source>
        <translation>期間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relative ranges end at the scope&apos;s latest event: simulated clocks run ahead of this computer&apos;s.</source>
        <translation>相対期間は、対象の最新イベントの時点で終了します。シミュレートされた時計は、このコンピューターの時計より進んでいるためです。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Range start (local time)</source>
        <translation>期間の開始（ローカル時刻）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Range end (local time, exclusive)</source>
        <translation>期間の終了（ローカル時刻、この時刻を含まない）</translation>
    </message>
    <message>
        <location line="+40"/>
        <location line="+32"/>
        <source>Whole fleet</source>
        <translation>フリート全体</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Rollout %1</source>
        <translation>ロールアウト %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Release %1</source>
        <translation>リリース %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rollout #%1</source>
        <translation>ロールアウト #%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Release #%1</source>
        <translation>リリース #%1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Rollouts</source>
        <translation>ロールアウト</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Releases</source>
        <translation>リリース</translation>
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
        <translation>期間の開始は終了より前にしてください。</translation>
    </message>
</context>
<context>
    <name>Patchboard::TelemetryRange</name>
    <message>
        <location filename="../models/telemetryrange.cpp" line="+65"/>
        <source>Last hour</source>
        <translation>過去 1 時間</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last 24 hours</source>
        <translation>過去 24 時間</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last 7 days</source>
        <translation>過去 7 日間</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last 30 days</source>
        <translation>過去 30 日間</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Everything</source>
        <translation>すべて</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Custom…</source>
        <translation>カスタム…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>the last hour up to %1</source>
        <translation>%1 までの過去 1 時間</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the last 24 hours up to %1</source>
        <translation>%1 までの過去 24 時間</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the last 7 days up to %1</source>
        <translation>%1 までの過去 7 日間</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the last 30 days up to %1</source>
        <translation>%1 までの過去 30 日間</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>all time</source>
        <translation>全期間</translation>
    </message>
</context>
<context>
    <name>Patchboard::TelemetryReasonChart</name>
    <message>
        <location filename="../views/telemetryreasonchart.cpp" line="+26"/>
        <source>Failure reasons</source>
        <translation>失敗理由</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Updates</source>
        <translation>アップデート数</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Click to list these devices.</source>
        <translation>クリックすると、これらのデバイスを一覧表示します。</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>%1 (%2): %3</source>
        <comment>reason (outcome): count</comment>
        <translation>%1（%2）: %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No failures or postponements in this range.</source>
        <translation>この期間に失敗や延期はありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failure reasons, most first: %1.</source>
        <translation>失敗理由（多い順）: %1。</translation>
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
        <translation>理由</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Updates</source>
        <translation>アップデート数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Share (%)</source>
        <translation>割合 (%)</translation>
    </message>
</context>
<context>
    <name>Patchboard::TelemetryStore</name>
    <message>
        <location filename="../services/telemetry/telemetrystore.cpp" line="+146"/>
        <source>read the hardware models</source>
        <translation>ハードウェアモデルの読み込み</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>read the regions</source>
        <translation>地域の読み込み</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>read the release&apos;s rollouts</source>
        <translation>リリースのロールアウトの読み込み</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>read the rollouts</source>
        <translation>ロールアウトの読み込み</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>read the releases</source>
        <translation>リリースの読み込み</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+216"/>
        <location line="+45"/>
        <source>read the update events</source>
        <translation>アップデートイベントの読み込み</translation>
    </message>
    <message>
        <location line="-205"/>
        <source>read the outcomes over time</source>
        <translation>結果の推移の読み込み</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>read the failure breakdown</source>
        <translation>失敗の内訳の読み込み</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>read the rollout&apos;s waves</source>
        <translation>ロールアウトのウェーブの読み込み</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>find the devices behind the chart</source>
        <translation>チャートの対象デバイスの検索</translation>
    </message>
    <message>
        <location line="+30"/>
        <location line="+56"/>
        <source>Cannot write %1: %2</source>
        <translation>%1 に書き込めません: %2</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>The export was cancelled; no file was written.</source>
        <translation>エクスポートはキャンセルされました。ファイルは作成されていません。</translation>
    </message>
</context>
<context>
    <name>Patchboard::TelemetryTimelineChart</name>
    <message>
        <location filename="../views/telemetrytimelinechart.cpp" line="+30"/>
        <source>Outcomes over time</source>
        <translation>結果の推移</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+13"/>
        <source>Failure rate (%)</source>
        <translation>失敗率 (%)</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>Time (local)</source>
        <translation>時刻（ローカル）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Updates</source>
        <translation>アップデート数</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Click to list these devices.</source>
        <translation>クリックすると、これらのデバイスを一覧表示します。</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Click to list the devices that failed or rolled back in this period.</source>
        <translation>クリックすると、この期間に失敗またはロールバックしたデバイスを一覧表示します。</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Error threshold of wave %1: %2</source>
        <translation>ウェーブ %1 のエラーしきい値: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Error threshold: %1</source>
        <translation>エラーしきい値: %1</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>No update outcomes in this range.</source>
        <translation>この期間にアップデートの結果はありません。</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%Ln period(s) of %1 from %2: %3 succeeded, %4 failed, %5 rolled back, %6 postponed.</source>
        <translation>
            <numerusform>%2 から %1 ごとの %Ln 期間: 成功 %3、失敗 %4、ロールバック %5、延期 %6。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Failure rate overall %1.</source>
        <translation>全体の失敗率 %1。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Highest failure rate %1 in %2.</source>
        <translation>最も高い失敗率は %2 の %1。</translation>
    </message>
    <message numerus="yes">
        <location line="+11"/>
        <source>Error threshold %1, exceeded in %Ln period(s).</source>
        <translation>
            <numerusform>エラーしきい値 %1、%Ln 期間で超過。</numerusform>
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
            <numerusform>失敗率: 結果 %Ln 件のうち %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failure rate: no results</source>
        <translation>失敗率: 結果なし</translation>
    </message>
</context>
<context>
    <name>Patchboard::TelemetryTimelineModel</name>
    <message>
        <location filename="../models/telemetrytimelinemodel.cpp" line="+128"/>
        <source>From</source>
        <translation>開始</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To</source>
        <translation>終了</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Results</source>
        <translation>結果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failure rate (%)</source>
        <translation>失敗率 (%)</translation>
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
        <translation>モデル</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Region</source>
        <translation>地域</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>%1 failed, %2 rolled back of %3 results (average failure rate %4).
Click to list these devices.</source>
        <translation>結果 %3 件のうち失敗 %1 件、ロールバック %2 件（平均失敗率 %4）。
クリックすると、これらのデバイスを一覧表示します。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Model or region</source>
        <translation>モデルまたは地域</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failures</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failure rate</source>
        <translation>失敗率</translation>
    </message>
</context>
<context>
    <name>Patchboard::TestPlan</name>
    <message>
        <location filename="../services/domain/releasetestplan.cpp" line="+102"/>
        <source>Boot</source>
        <translation>起動</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Voice call</source>
        <translation>音声通話</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Emergency call</source>
        <translation>緊急通報</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Data</source>
        <translation>データ通信</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Update resume after power loss</source>
        <translation>電源断後の更新再開</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>pending</source>
        <translation>未実施</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>passed</source>
        <translation>合格</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed</source>
        <translation>不合格</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>blocked</source>
        <translation>ブロック</translation>
    </message>
</context>
<context>
    <name>Patchboard::TestPlanModel</name>
    <message>
        <location filename="../models/testplanmodel.cpp" line="+44"/>
        <source>%1 (%2, %3)</source>
        <comment>waiver reason (by, at)</comment>
        <translation>%1（%2、%3）</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Approval needs this case passed or waived.</source>
        <translation>承認には、このテストケースの合格または免除が必要です。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Test case</source>
        <translation>テストケース</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Result</source>
        <translation>結果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recorded by</source>
        <translation>記録者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recorded at</source>
        <translation>記録日時</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Waiver</source>
        <translation>免除</translation>
    </message>
</context>
<context>
    <name>Patchboard::TestPlanView</name>
    <message>
        <location filename="../views/testplanview.cpp" line="+23"/>
        <source>&amp;Record Result…</source>
        <translation>結果を記録(&amp;R)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Waive…</source>
        <translation>免除(&amp;W)…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Test plan</source>
        <translation>テスト計画</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Double-click a case to record its result.</source>
        <translation>テストケースをダブルクリックすると結果を記録できます。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accept a case that did not pass, with a reason. The waiver is recorded and audited.</source>
        <translation>合格していないテストケースを、理由を付けて受け入れます。免除は記録され、監査ログに残ります。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>No test plan: a release gets one when it passes verification.</source>
        <translation>テスト計画がありません。テスト計画は、リリースが検証に合格すると作成されます。</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>All %Ln case(s) passed or waived.</source>
        <translation>
            <numerusform>%Ln件のテストケースすべてが合格または免除されました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1 of %Ln case(s) passed or waived; approval needs all.</source>
        <translation>
            <numerusform>%Ln件中%1件のテストケースが合格または免除済みです。承認にはすべてが必要です。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+29"/>
        <location line="+4"/>
        <source>Select a test case first.</source>
        <translation>先にテストケースを選択してください。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This case passed or is waived already.</source>
        <translation>このテストケースはすでに合格または免除されています。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Waive Test Case</source>
        <translation>テストケースの免除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accept “%1” on %2 without a pass (now: %3). Approval then treats it as done; the waiver and its reason are recorded.</source>
        <translation>%2の「%1」を合格なしで受け入れます（現在：%3）。承認時には完了として扱われ、免除とその理由が記録されます。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Waive</source>
        <translation>免除</translation>
    </message>
</context>
<context>
    <name>Patchboard::TestResultDialog</name>
    <message>
        <location filename="../views/testresultdialog.cpp" line="+30"/>
        <source>Record Test Result</source>
        <translation>テスト結果の記録</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1: %2</source>
        <comment>model: test case</comment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>&amp;Passed</source>
        <translation>合格(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Failed</source>
        <translation>不合格(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Blocked</source>
        <translation>ブロック(&amp;B)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Test case:</source>
        <translation>テストケース(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recorded now:</source>
        <translation>現在の記録：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result:</source>
        <translation>結果：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Note:</source>
        <translation>メモ(&amp;N)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Record</source>
        <translation>記録</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Not run yet.</source>
        <translation>未実施です。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1, by %2 at %3. A new result replaces it.</source>
        <translation>%1（%2、%3）。新しい結果を記録すると置き換えられます。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Required: say what failed or what blocked the test.</source>
        <translation>必須：失敗した内容、またはテストをブロックした要因を記入してください。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Optional: device build, SIM, network used.</source>
        <translation>任意：デバイスのビルド、SIM、使用したネットワーク。</translation>
    </message>
</context>
<context>
    <name>Patchboard::TrackerRoutes</name>
    <message>
        <location filename="../services/api/trackerroutes.cpp" line="+74"/>
        <source>&quot;%1&quot; is not a device id.</source>
        <translation>「%1」はデバイスIDではありません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Devices are addressed by their numeric id, the &quot;id&quot; of GET /api/v1/devices.</source>
        <translation>デバイスは数値ID（GET /api/v1/devicesの&quot;id&quot;）で指定します。</translation>
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
        <translation>信頼済み鍵の読み取り</translation>
    </message>
    <message>
        <location line="-102"/>
        <location line="+15"/>
        <source>read the vendors</source>
        <translation>ベンダーの読み取り</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>A vendor ID is a 16-byte UUID (RFC 9124), not %1.</source>
        <translation>ベンダーIDは16バイトのUUIDです（RFC 9124）。%1は無効です。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>read the manufacturers</source>
        <translation>メーカーの読み取り</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>There is no manufacturer %1.</source>
        <translation>メーカー%1は存在しません。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Vendor ID %1 is already registered for another manufacturer.</source>
        <translation>ベンダーID %1はすでに別のメーカーに登録されています。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A vendor ID belongs to one manufacturer; check the ID.</source>
        <translation>ベンダーIDは1つのメーカーにのみ属します。IDを確認してください。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>register the vendor</source>
        <translation>ベンダーの登録</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The key %1 is already trusted for vendor %2.</source>
        <translation>鍵%1はベンダー%2についてすでに信頼されています。</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+4"/>
        <source>add the key</source>
        <translation>鍵の追加</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The new key was not found.</source>
        <translation>新しい鍵が見つかりませんでした。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Key %1 is not in the trust store.</source>
        <translation>鍵%1はトラストストアにありません。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>remove the key</source>
        <translation>鍵の削除</translation>
    </message>
</context>
<context>
    <name>Patchboard::TrustStoreDialog</name>
    <message>
        <location filename="../views/truststoredialog.cpp" line="+31"/>
        <source>&amp;Add Key from PEM File…</source>
        <translation>PEMファイルから鍵を追加(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove Key…</source>
        <translation>鍵を削除(&amp;R)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Author Trust Store</source>
        <translation>作成者鍵のトラストストア</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Releases verify only with a key trusted for the vendor ID their manifest names. Changes here are recorded in the audit log.</source>
        <translation>リリースは、マニフェストに指定されたベンダーIDについて信頼されている鍵でのみ検証されます。ここでの変更は監査ログに記録されます。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Trusted keys</source>
        <translation>信頼済み鍵</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>Select a key first.</source>
        <translation>先に鍵を選択してください。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No device tracker is connected: the manufacturers are unknown.</source>
        <translation>デバイストラッカーが接続されていないため、メーカーが不明です。</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Trusted the key %1 for %2.</source>
        <translation>鍵%1を%2の信頼済み鍵として追加しました。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Remove Trusted Key</source>
        <translation>信頼済み鍵の削除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the key %1 (%2) of %3? Releases signed with it stop verifying at once: open ones can no longer be approved.</source>
        <translation>%3の鍵%1（%2）を削除しますか？この鍵で署名されたリリースは直ちに検証できなくなり、未決定のリリースは承認できなくなります。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Remove Key</source>
        <translation>鍵を削除</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Removed the key %1 from the trust store.</source>
        <translation>鍵%1をトラストストアから削除しました。</translation>
    </message>
</context>
<context>
    <name>Patchboard::TrustedKeyModel</name>
    <message>
        <location filename="../models/trustedkeymodel.cpp" line="+70"/>
        <source>SHA-256 of the public key (DER SubjectPublicKeyInfo), as patchboard-author keygen prints it</source>
        <translation>公開鍵（DER形式のSubjectPublicKeyInfo）のSHA-256。patchboard-author keygenが表示する値と同じです</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Manufacturer</source>
        <translation>メーカー</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Vendor ID</source>
        <translation>ベンダーID</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fingerprint</source>
        <translation>フィンガープリント</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>種類</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Label</source>
        <translation>ラベル</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Added by</source>
        <translation>追加者</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Added</source>
        <translation>追加日時</translation>
    </message>
</context>
<context>
    <name>Patchboard::UpdateHistoryModel</name>
    <message>
        <location filename="../models/updatehistorymodel.cpp" line="+53"/>
        <location line="+38"/>
        <source>Rollout %1</source>
        <translation>ロールアウト%1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Time</source>
        <translation>日時</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rollout</source>
        <translation>ロールアウト</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wave</source>
        <translation>ウェーブ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Phase</source>
        <translation>フェーズ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outcome</source>
        <translation>結果</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>From</source>
        <translation>更新前</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To</source>
        <translation>更新後</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
</context>
<context>
    <name>Patchboard::UpdateOutcome</name>
    <message>
        <location filename="../services/domain/updateoutcome.cpp" line="+56"/>
        <source>Offer</source>
        <translation>提供</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Download</source>
        <translation>ダウンロード</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Verify</source>
        <translation>検証</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Install</source>
        <translation>インストール</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reboot</source>
        <translation>再起動</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rolled back</source>
        <translation>ロールバック済み</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Postponed</source>
        <translation>延期</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Download timed out</source>
        <translation>ダウンロードのタイムアウト</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Digest mismatch</source>
        <translation>ダイジェストの不一致</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signature refused</source>
        <translation>署名の拒否</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Insufficient storage</source>
        <translation>ストレージ容量不足</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Low battery</source>
        <translation>バッテリー残量低下</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Install failed</source>
        <translation>インストール失敗</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Boot failed</source>
        <translation>起動失敗</translation>
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
        <translation>重大度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fixed at</source>
        <translation>修正パッチレベル</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Component</source>
        <translation>コンポーネント</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>種類</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bulletin record</source>
        <translation>セキュリティ情報レコード</translation>
    </message>
</context>
<context>
    <name>Patchboard::WallBoard</name>
    <message>
        <location filename="../views/wallboard.cpp" line="+31"/>
        <source>Rollouts not shown</source>
        <translation>表示されていないロールアウト</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>%1 (%2)</source>
        <comment>rollout name, state</comment>
        <translation>%1（%2）</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n more rollout(s) not shown: %1</source>
        <translation>
            <numerusform>ほか %n 件のロールアウトは表示されていません: %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Patchboard::WallFormat</name>
    <message>
        <location filename="../views/wallformat.cpp" line="+92"/>
        <source>HALTED</source>
        <comment>rollout state on the wall screen</comment>
        <translation>停止</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Failure rate %1 · threshold %2</source>
        <comment>failure rate, error threshold</comment>
        <translation>失敗率 %1 · しきい値 %2</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>Threshold applies from %Ln result(s); %1 so far</source>
        <translation>
            <numerusform>しきい値は結果 %Ln 件から適用。現在 %1 件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>%1 of %Ln device(s) updated</source>
        <translation>
            <numerusform>%Ln 台中 %1 台のデバイスを更新済み</numerusform>
        </translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Starts %1</source>
        <translation>%1 に開始</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Starts as soon as the rollout service runs it</source>
        <translation>ロールアウトサービスが実行するとすぐに開始</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Waiting for an operator to continue to wave %1</source>
        <translation>オペレーターがウェーブ %1 に進めるのを待機中</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Wave %1 starts at %2, after soaking</source>
        <translation>ウェーブ %1 は観察期間後、%2 に開始</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Finished %1</source>
        <translation>%1 に完了</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>%Ln running</source>
        <translation>
            <numerusform>実行中 %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <location line="+2"/>
        <source>%Ln halted</source>
        <translation>
            <numerusform>停止 %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln paused</source>
        <translation>
            <numerusform>一時停止 %Ln</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln scheduled</source>
        <translation>
            <numerusform>予定 %Ln</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rollout %1 of release %2: %3.</source>
        <translation>リリース %2 のロールアウト %1: %3。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Halted because: %1.</source>
        <translation>停止理由: %1。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1: %2; %3 succeeded, %4 failed, %5 in progress, %6 pending.</source>
        <comment>wave name, wave state, counts</comment>
        <translation>%1: %2。成功 %3、失敗 %4、進行中 %5、保留 %6。</translation>
    </message>
</context>
<context>
    <name>Patchboard::WallHeader</name>
    <message>
        <location filename="../views/wallheader.cpp" line="+24"/>
        <source>Active rollouts</source>
        <translation>アクティブなロールアウト</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Summary</source>
        <translation>概要</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rollout clock</source>
        <translation>ロールアウトクロック</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last update</source>
        <translation>最終更新</translation>
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
        <translation>シミュレートされたロールアウトクロック</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>rollout clock</source>
        <translation>ロールアウトクロック</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Not updated yet</source>
        <translation>未更新</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stale · updated %1</source>
        <translation>古いデータ · %1 に更新</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Updated %1</source>
        <translation>%1 に更新</translation>
    </message>
</context>
<context>
    <name>Patchboard::WallLegend</name>
    <message>
        <location filename="../views/walllegend.cpp" line="+26"/>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress</source>
        <translation>進行中</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending</source>
        <translation>保留中</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Esc or F11 leaves the wall screen</source>
        <translation>Esc または F11 でウォールスクリーンを終了</translation>
    </message>
</context>
<context>
    <name>Patchboard::WallScreen</name>
    <message>
        <location filename="../views/wallscreen.cpp" line="+48"/>
        <source>Patchboard — Wall Screen</source>
        <translation>Patchboard — ウォールスクリーン</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wall screen</source>
        <translation>ウォールスクリーン</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The active rollouts, halted ones first. Read only; press Escape to leave.</source>
        <translation>アクティブなロールアウト（停止中のものが先頭）。読み取り専用です。Esc キーで終了します。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <location line="+152"/>
        <source>No rollout service is connected.</source>
        <translation>ロールアウトサービスが接続されていません。</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>Rollouts could not be loaded</source>
        <translation>ロールアウトを読み込めませんでした</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The wall screen tries again by itself.</source>
        <translation>ウォールスクリーンは自動的に再試行します。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loading rollouts…</source>
        <translation>ロールアウトを読み込んでいます…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No active rollouts</source>
        <translation>アクティブなロールアウトはありません</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing is scheduled, running, paused or halted. Rollouts appear here by themselves when a rollout manager schedules one.</source>
        <translation>予定、実行中、一時停止中、停止中のロールアウトはありません。ロールアウトマネージャーがロールアウトを予定すると、ここに自動的に表示されます。</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Rollouts could not be refreshed; showing the data of %1. %2</source>
        <translation>ロールアウトを更新できませんでした。%1 時点のデータを表示しています。%2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rollouts could not be loaded. %1</source>
        <translation>ロールアウトを読み込めませんでした。%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No answer from the rollout service since %1: the data shown may be out of date.</source>
        <translation>%1 以降、ロールアウトサービスから応答がありません。表示中のデータは古い可能性があります。</translation>
    </message>
</context>
<context>
    <name>Patchboard::WallTile</name>
    <message>
        <location filename="../views/walltile.cpp" line="+48"/>
        <source>Release</source>
        <translation>リリース</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Halt reason</source>
        <translation>停止理由</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failure rate</source>
        <translation>失敗率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Devices updated</source>
        <translation>更新済みデバイス</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Threshold note</source>
        <translation>しきい値に関する注記</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>The rollout service gave no reason.</source>
        <translation>ロールアウトサービスから理由は提示されませんでした。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>%1, %2</source>
        <comment>rollout name, state</comment>
        <translation>%1、%2</translation>
    </message>
    <message>
        <location line="+39"/>
        <location line="+3"/>
        <source>All waves</source>
        <translation>すべてのウェーブ</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1, %2</source>
        <comment>wave name, wave state</comment>
        <translation>%1、%2</translation>
    </message>
</context>
<context>
    <name>Patchboard::WavePlanEditor</name>
    <message>
        <location filename="../views/waveplaneditor.cpp" line="+48"/>
        <source>Add &amp;Wave</source>
        <translation>ウェーブを追加(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;move Wave</source>
        <translation>ウェーブを削除(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset to &amp;Default</source>
        <translation>既定に戻す(&amp;D)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>値</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Succeeds at</source>
        <translation>成功しきい値</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Halts above</source>
        <translation>エラーしきい値</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From results</source>
        <translation>最小結果数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Soak</source>
        <translation>待機時間</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Manual gate</source>
        <translation>手動ゲート</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A share of all targets, a number of devices, or every device left (last wave only).</source>
        <translation>全対象に対する割合、デバイス数、または残りのすべてのデバイス（最後のウェーブのみ）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The percentage or the number of devices.</source>
        <translation>割合またはデバイス数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The wave succeeded when this share of its devices updated.</source>
        <translation>ウェーブのデバイスのうちこの割合が更新されると、ウェーブは成功となります。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The rollout halts when more than this share of the wave&apos;s results are failures.</source>
        <translation>ウェーブの結果のうち失敗がこの割合を超えると、ロールアウトは停止します。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The error threshold applies once this many devices reported a result.</source>
        <translation>この台数のデバイスが結果を報告した時点から、エラーしきい値が適用されます。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After success, wait this long before the next wave starts.</source>
        <translation>成功後、次のウェーブを開始するまでこの時間待機します。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After soaking, wait for an operator to continue to the next wave.</source>
        <translation>待機時間の経過後、オペレーターが続行するまで次のウェーブを待機します。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Waves</source>
        <translation>ウェーブ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a wave after the selected one</source>
        <translation>選択したウェーブの後にウェーブを追加します</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+250"/>
        <source>Remove the selected wave</source>
        <translation>選択したウェーブを削除します</translation>
    </message>
    <message>
        <location line="-249"/>
        <location line="+235"/>
        <source>Canary 1%, then 10%, 50% and the rest</source>
        <translation>カナリア1%、続いて10%、50%、残り</translation>
    </message>
    <message>
        <location line="-181"/>
        <source>Percent of targets</source>
        <translation>対象に対する割合</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number of devices</source>
        <translation>デバイス数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The rest</source>
        <translation>残り</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Wave %1 size</source>
        <translation>ウェーブ%1のサイズ</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Wave %1 size value</source>
        <translation>ウェーブ%1のサイズの値</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Wave %1 success threshold</source>
        <translation>ウェーブ%1の成功しきい値</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wave %1 error threshold</source>
        <translation>ウェーブ%1のエラーしきい値</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Wave %1 minimum results</source>
        <translation>ウェーブ%1の最小結果数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> min</source>
        <comment>minutes suffix</comment>
        <translation>分</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wave %1 soak minutes</source>
        <translation>ウェーブ%1の待機時間（分）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Wave %1 manual gate</source>
        <translation>ウェーブ%1の手動ゲート</translation>
    </message>
    <message>
        <location line="+70"/>
        <source> devices</source>
        <comment>wave size suffix</comment>
        <translation>台</translation>
    </message>
    <message>
        <location line="+74"/>
        <source>The default waves set in Settings (Rollouts)</source>
        <translation>設定（ロールアウト）で指定した既定のウェーブ</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>A rollout has at least one wave.</source>
        <translation>ロールアウトには少なくとも1つのウェーブが必要です。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a wave to remove it.</source>
        <translation>削除するウェーブを選択してください。</translation>
    </message>
</context>
<context>
    <name>Patchboard::WaveProgressTable</name>
    <message>
        <location filename="../views/waveprogresstable.cpp" line="+21"/>
        <source>Wave</source>
        <translation>ウェーブ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Progress</source>
        <translation>進捗</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>In progress</source>
        <translation>進行中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pending</source>
        <translation>保留中</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Devices</source>
        <translation>デバイス</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>開始日時</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Next wave</source>
        <translation>次のウェーブ</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 succeeded (solid), %2 failed (hatched), %3 in progress (dotted), %4 pending (empty)</source>
        <translation>%1 成功（塗りつぶし）、%2 失敗（斜線）、%3 進行中（点線）、%4 保留中（空白）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Waves</source>
        <translation>ウェーブ</translation>
    </message>
    <message numerus="yes">
        <location line="+40"/>
        <source>%Ln rolled back</source>
        <translation>
            <numerusform>ロールバック済み：%Ln台</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln postponed</source>
        <translation>
            <numerusform>延期：%Ln台</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>When an operator continues</source>
        <translation>オペレーターが続行した時点</translation>
    </message>
</context>
<context>
    <name>Patchboard::ZipReader</name>
    <message>
        <location filename="../services/firmware/zipreader.cpp" line="+60"/>
        <source>Cannot read %1: %2</source>
        <translation>%1を読み取れません：%2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1 is not a ZIP archive Patchboard can read: %2</source>
        <translation>%1はPatchboardで読み取れるZIPアーカイブではありません：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>it is too small.</source>
        <translation>ファイルが小さすぎます。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>there is no end of central directory record.</source>
        <translation>中央ディレクトリ終端レコードがありません。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>multi-disk archives are not supported.</source>
        <translation>マルチディスクアーカイブには対応していません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ZIP64 archives are not supported.</source>
        <translation>ZIP64アーカイブには対応していません。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>it has more than %1 entries.</source>
        <translation>エントリが%1個を超えています。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the central directory lies outside the file.</source>
        <translation>中央ディレクトリがファイルの範囲外にあります。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the central directory cannot be read.</source>
        <translation>中央ディレクトリを読み取れません。</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+13"/>
        <source>central directory entry %1 is damaged.</source>
        <translation>中央ディレクトリのエントリ%1が破損しています。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 is encrypted.</source>
        <translation>%1は暗号化されています。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 lies outside the file.</source>
        <translation>%1がファイルの範囲外にあります。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 in %2 cannot be read: %3</source>
        <translation>%2内の%1を読み取れません：%3</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>it is larger than %1 MiB.</source>
        <translation>%1 MiBを超えています。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>compression method %1 is not supported.</source>
        <translation>圧縮方式%1には対応していません。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>its local header is damaged.</source>
        <translation>ローカルヘッダーが破損しています。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>its data lies outside the file.</source>
        <translation>データがファイルの範囲外にあります。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>its data is cut short.</source>
        <translation>データが途中で切れています。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>zlib could not start.</source>
        <translation>zlibを開始できませんでした。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>its compressed data is damaged or larger than declared.</source>
        <translation>圧縮データが破損しているか、宣言されたサイズを超えています。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>its size does not match the directory.</source>
        <translation>サイズが中央ディレクトリの記載と一致しません。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>its CRC-32 does not match.</source>
        <translation>CRC-32が一致しません。</translation>
    </message>
</context>
<context>
    <name>Tr</name>
    <message>
        <location filename="../services/rollout/devicegateway.cpp" line="-1104"/>
        <source>The device gateway is not open.</source>
        <translation>デバイスゲートウェイが開かれていません。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try again in a moment.</source>
        <translation>しばらくしてからもう一度お試しください。</translation>
    </message>
</context>
</TS>
