<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi">
<context>
    <name>main</name>
    <message>
        <source>Builds a highly available vSphere 6.7 lab.</source>
        <translation>Dựng một lab vSphere 6.7 có tính sẵn sàng cao.</translation>
    </message>
    <message>
        <source>Lab plan to open (.vlab.json).</source>
        <translation>Kế hoạch lab cần mở (.vlab.json).</translation>
    </message>
    <message>
        <source>Render every page to PNG files in DIR and quit.</source>
        <translation>Xuất mọi trang thành tệp PNG trong DIR rồi thoát.</translation>
    </message>
    <message>
        <source>Print start-up time and memory once the window shows, then quit.</source>
        <translation>In thời gian khởi động và bộ nhớ dùng khi cửa sổ hiện ra, rồi thoát.</translation>
    </message>
    <message>
        <source>Cannot open the plan</source>
        <translation>Không mở được kế hoạch</translation>
    </message>
    <message>
        <source>%1

The example lab is open instead.</source>
        <translation>%1

Thay vào đó, lab mẫu đang được mở.</translation>
    </message>
    <message>
        <source>there is no translation for &quot;%1&quot;; the texts stay in English.</source>
        <translation>không có bản dịch cho &quot;%1&quot;; văn bản vẫn giữ tiếng Anh.</translation>
    </message>
    <message>
        <source>Language of the texts (vi), instead of the system&apos;s.</source>
        <translation>Ngôn ngữ hiển thị (vi), thay cho ngôn ngữ của hệ thống.</translation>
    </message>
</context>
<context>
    <name>vlab</name>
    <message>
        <source>Contains %1 at position %2; a name or value is one line of plain text.</source>
        <translation>Chứa %1 ở vị trí %2; một tên hoặc giá trị chỉ là một dòng văn bản thuần.</translation>
    </message>
    <message>
        <source>Remove it: names and values cannot hold line breaks, tabs, control codes or text-direction controls.</source>
        <translation>Hãy xóa ký tự đó: tên và giá trị không được chứa ký tự xuống dòng, tab, mã điều khiển hay ký tự điều khiển hướng văn bản.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; contains &apos;%2&apos;, which vSphere does not keep in an inventory name.</source>
        <translation>&quot;%1&quot; chứa &apos;%2&apos;, ký tự mà vSphere không giữ nguyên trong tên đối tượng kiểm kê.</translation>
    </message>
    <message>
        <source>Use a name without &apos;/&apos;, &apos;\&apos; and &apos;%&apos;.</source>
        <translation>Hãy dùng tên không có &apos;/&apos;, &apos;\&apos; và &apos;%&apos;.</translation>
    </message>
    <message>
        <source>The name has %1 characters; vSphere inventory names have at most 80.</source>
        <translation>Tên có %1 ký tự; tên đối tượng kiểm kê của vSphere có tối đa 80 ký tự.</translation>
    </message>
    <message>
        <source>Shorten it to 80 characters or fewer.</source>
        <translation>Hãy rút ngắn xuống 80 ký tự hoặc ít hơn.</translation>
    </message>
    <message>
        <source>The template cannot be made yet: %1</source>
        <translation>Chưa tạo được mẫu: %1</translation>
    </message>
    <message>
        <source>Runbook of lab %1</source>
        <translation>Sổ tay vận hành của lab %1</translation>
    </message>
    <message>
        <source>The lab</source>
        <translation>Lab</translation>
    </message>
    <message>
        <source>Every name and address this runbook uses, from the plan.</source>
        <translation>Mọi tên và địa chỉ mà sổ tay này dùng, lấy từ kế hoạch.</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Mục</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Giá trị</translation>
    </message>
    <message>
        <source>DNS domain / servers</source>
        <translation>Tên miền DNS / máy chủ DNS</translation>
    </message>
    <message>
        <source>NTP servers</source>
        <translation>Máy chủ NTP</translation>
    </message>
    <message>
        <source>Management network</source>
        <translation>Mạng quản trị</translation>
    </message>
    <message>
        <source>Deployment target</source>
        <translation>Nơi triển khai</translation>
    </message>
    <message>
        <source>SSO domain / site</source>
        <translation>Miền SSO / site</translation>
    </message>
    <message>
        <source>PSC %1</source>
        <translation>PSC %1</translation>
    </message>
    <message>
        <source>Load balancer</source>
        <translation>Bộ cân bằng tải</translation>
    </message>
    <message>
        <source>%1, VIP %2, NSIP %3, SNIP %4</source>
        <translation>%1, VIP %2, NSIP %3, SNIP %4</translation>
    </message>
    <message>
        <source>vCenter %1</source>
        <translation>vCenter %1</translation>
    </message>
    <message>
        <source>VCHA network</source>
        <translation>Mạng VCHA</translation>
    </message>
    <message>
        <source>%1 (%2): active %3, passive %4, witness %5</source>
        <translation>%1 (%2): chủ động %3, thụ động %4, nhân chứng %5</translation>
    </message>
    <message>
        <source>Distributed Switch</source>
        <translation>Distributed Switch</translation>
    </message>
    <message>
        <source>%1, MTU %2, %3 uplinks</source>
        <translation>%1, MTU %2, %3 uplink</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>Dữ liệu đầu vào</translation>
    </message>
    <message>
        <source>Passwords are not part of this runbook: enter them where a step asks.</source>
        <translation>Mật khẩu không có trong sổ tay này: hãy nhập khi một bước yêu cầu.</translation>
    </message>
    <message>
        <source>Pre-checks</source>
        <translation>Kiểm tra trước</translation>
    </message>
    <message>
        <source>DNS records both ways, ports, time and certificates, before anything is installed.</source>
        <translation>Bản ghi DNS hai chiều, cổng, thời gian và chứng chỉ, trước khi cài đặt bất cứ thứ gì.</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Nút</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Kiểm tra</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Phát hiện</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>By hand: every name forward and every address back</source>
        <translation>Làm thủ công: phân giải xuôi mọi tên và phân giải ngược mọi địa chỉ</translation>
    </message>
    <message>
        <source>Or run: vlab precheck PLAN (results are added to this runbook).</source>
        <translation>Hoặc chạy: vlab precheck PLAN (kết quả được thêm vào sổ tay này).</translation>
    </message>
    <message>
        <source>Names resolve both ways; NTP answers; ports reachable</source>
        <translation>Tên phân giải được hai chiều; NTP trả lời; các cổng truy cập được</translation>
    </message>
    <message>
        <source>Platform Services Controllers</source>
        <translation>Platform Services Controller (PSC)</translation>
    </message>
    <message>
        <source>Install the first PSC (new SSO domain and site), then the second, replicating with the first.</source>
        <translation>Cài PSC thứ nhất (miền SSO và site mới), sau đó cài PSC thứ hai, sao chép dữ liệu với PSC thứ nhất.</translation>
    </message>
    <message>
        <source>From the mounted VCSA ISO</source>
        <translation>Từ ảnh ISO VCSA đã gắn</translation>
    </message>
    <message>
        <source>First PSC installed</source>
        <translation>Đã cài PSC thứ nhất</translation>
    </message>
    <message>
        <source>Then</source>
        <translation>Sau đó</translation>
    </message>
    <message>
        <source>Second PSC installed</source>
        <translation>Đã cài PSC thứ hai</translation>
    </message>
    <message>
        <source>Certificate of the PSCs</source>
        <translation>Chứng chỉ của các PSC</translation>
    </message>
    <message>
        <source>One machine certificate whose names cover both PSCs and the load-balancer name, applied to both PSCs with certificate-manager.</source>
        <translation>Một chứng chỉ máy có tên bao gồm cả hai PSC và tên của bộ cân bằng tải, được áp dụng cho cả hai PSC bằng certificate-manager.</translation>
    </message>
    <message>
        <source>On the first PSC, in the appliance&apos;s bash shell</source>
        <translation>Trên PSC thứ nhất, trong bash shell của appliance</translation>
    </message>
    <message>
        <source>Option 1: signed by the VMCA</source>
        <translation>Cách 1: do VMCA ký</translation>
    </message>
    <message>
        <source>Option 2: signed by your CA (leaf, intermediates upward, root)</source>
        <translation>Cách 2: do CA của bạn ký (chứng chỉ lá, các CA trung gian theo thứ tự đi lên, CA gốc)</translation>
    </message>
    <message>
        <source>Check before applying</source>
        <translation>Kiểm tra trước khi áp dụng</translation>
    </message>
    <message>
        <source>On each PSC in turn: copy psc-ha-vip-chain.crt, psc-ha-vip.key and cachain.crt to /root/certs, run /usr/lib/vmware-vmca/bin/certificate-manager, choose 1 (replace Machine SSL certificate with custom certificate), then 2 (import custom certificate), give the three files in that order, and confirm with Y. Wait for &quot;100% Completed&quot;.</source>
        <translation>Lần lượt trên từng PSC: chép psc-ha-vip-chain.crt, psc-ha-vip.key và cachain.crt vào /root/certs, chạy /usr/lib/vmware-vmca/bin/certificate-manager, chọn 1 (replace Machine SSL certificate with custom certificate), rồi 2 (import custom certificate), nhập ba tệp theo đúng thứ tự đó và xác nhận bằng Y. Chờ đến khi hiện &quot;100% Completed&quot;.</translation>
    </message>
    <message>
        <source>Certificate applied on %1; https://%1 serves it</source>
        <translation>Đã áp dụng chứng chỉ trên %1; https://%1 trả về chứng chỉ này</translation>
    </message>
    <message>
        <source>NetScaler load balancing</source>
        <translation>Cân bằng tải NetScaler</translation>
    </message>
    <message>
        <source>Servers, services and virtual servers for the PSC ports, with a SOURCEIP persistency group.</source>
        <translation>Máy chủ, dịch vụ và máy chủ ảo cho các cổng của PSC, cùng một nhóm duy trì phiên SOURCEIP.</translation>
    </message>
    <message>
        <source>Virtual server</source>
        <translation>Máy chủ ảo</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Dịch vụ</translation>
    </message>
    <message>
        <source>Virtual servers</source>
        <translation>Máy chủ ảo</translation>
    </message>
    <message>
        <source>On the NetScaler CLI (after copying the file to /var/tmp)</source>
        <translation>Trên CLI của NetScaler (sau khi chép tệp vào /var/tmp)</translation>
    </message>
    <message>
        <source>All six virtual servers UP; persistency group SOURCEIP %1 min</source>
        <translation>Cả sáu máy chủ ảo ở trạng thái UP; nhóm duy trì phiên SOURCEIP %1 phút</translation>
    </message>
    <message>
        <source>vCenter Server</source>
        <translation>vCenter Server</translation>
    </message>
    <message>
        <source>vCenter with the external PSCs behind %1.</source>
        <translation>vCenter dùng các PSC bên ngoài đứng sau %1.</translation>
    </message>
    <message>
        <source>vCenter installed; login through %1 works</source>
        <translation>Đã cài vCenter; đăng nhập qua %1 thành công</translation>
    </message>
    <message>
        <source>vCenter High Availability</source>
        <translation>vCenter High Availability (VCHA)</translation>
    </message>
    <message>
        <source>An active, a passive and a witness node on a separate HA network.</source>
        <translation>Một nút chủ động, một nút thụ động và một nút nhân chứng trên một mạng HA riêng.</translation>
    </message>
    <message>
        <source>HA addresses</source>
        <translation>Địa chỉ HA</translation>
    </message>
    <message>
        <source>HA address</source>
        <translation>Địa chỉ HA</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Chủ động</translation>
    </message>
    <message>
        <source>Passive</source>
        <translation>Thụ động</translation>
    </message>
    <message>
        <source>Witness</source>
        <translation>Nhân chứng</translation>
    </message>
    <message>
        <source>In the vSphere Client: select vCenter %1 &gt; Configure &gt; vCenter HA &gt; Set Up vCenter HA. Choose the port group %2 for the HA network, enter the three HA addresses above (no gateway on the HA network), pick hosts and datastores for the passive and witness nodes, and finish. The management address %3 stays with whichever node is active.</source>
        <translation>Trong vSphere Client: chọn vCenter %1 &gt; Configure &gt; vCenter HA &gt; Set Up vCenter HA. Chọn nhóm cổng %2 cho mạng HA, nhập ba địa chỉ HA ở trên (mạng HA không có gateway), chọn host và datastore cho nút thụ động và nút nhân chứng, rồi hoàn tất. Địa chỉ quản trị %3 luôn thuộc về nút đang chủ động.</translation>
    </message>
    <message>
        <source>VCHA healthy: active, passive and witness up</source>
        <translation>VCHA hoạt động tốt: nút chủ động, thụ động và nhân chứng đều chạy</translation>
    </message>
    <message>
        <source>Not planned for this lab (vcha.enabled is false).</source>
        <translation>Không có trong kế hoạch của lab này (vcha.enabled là false).</translation>
    </message>
    <message>
        <source>The switch %1 with MTU %2 and one port group per VLAN.</source>
        <translation>Switch %1 với MTU %2 và mỗi VLAN một nhóm cổng.</translation>
    </message>
    <message>
        <source>Switch and port groups created</source>
        <translation>Đã tạo switch và các nhóm cổng</translation>
    </message>
    <message>
        <source>TCP diagnostics on the PSCs</source>
        <translation>Chẩn đoán TCP trên các PSC</translation>
    </message>
    <message>
        <source>When PSC connections misbehave, count the TCP states on the balanced ports.</source>
        <translation>Khi kết nối tới PSC hoạt động bất thường, hãy đếm các trạng thái TCP trên những cổng được cân bằng tải.</translation>
    </message>
    <message>
        <source>On a PSC</source>
        <translation>Trên một PSC</translation>
    </message>
    <message>
        <source>Many CLOSE-WAIT: a program on this PSC does not close connections its peer has closed; no kernel timer ends them, the program must be fixed or restarted. Many FIN-WAIT-2: the peer does not close its side; net.ipv4.tcp_fin_timeout bounds them. TIME-WAIT after active closes is normal; worry only about very large numbers.</source>
        <translation>Nhiều CLOSE-WAIT: một chương trình trên PSC này không đóng các kết nối mà phía bên kia đã đóng; không có bộ hẹn giờ nào của nhân hệ điều hành kết thúc chúng, chương trình phải được sửa hoặc khởi động lại. Nhiều FIN-WAIT-2: phía bên kia không đóng phía của nó; net.ipv4.tcp_fin_timeout giới hạn thời gian của chúng. TIME-WAIT sau khi chủ động đóng là bình thường; chỉ đáng lo khi số lượng rất lớn.</translation>
    </message>
    <message>
        <source>Created %1 by vLab Wizard.</source>
        <translation>Tạo lúc %1 bởi vLab Wizard.</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>Mục lục</translation>
    </message>
    <message>
        <source>done by: ____________  date: ____________</source>
        <translation>người thực hiện: ____________  ngày: ____________</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Không ghi được %1: %2</translation>
    </message>
    <message>
        <source>Write the runbook</source>
        <translation>Ghi sổ tay vận hành</translation>
    </message>
    <message>
        <source>Renders the runbook to %1.</source>
        <translation>Xuất sổ tay vận hành ra %1.</translation>
    </message>
    <message>
        <source>Laying out the runbook</source>
        <translation>Đang dàn trang sổ tay vận hành</translation>
    </message>
    <message>
        <source>Cannot create the folder of %1.</source>
        <translation>Không tạo được thư mục chứa %1.</translation>
    </message>
    <message>
        <source>Wrote %1</source>
        <translation>Đã ghi %1</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Công việc</translation>
    </message>
    <message>
        <source> ... (%1 characters in all)</source>
        <translation> ... (tổng cộng %1 ký tự)</translation>
    </message>
    <message>
        <source>... (the rest is in the run journal)
</source>
        <translation>... (phần còn lại nằm trong nhật ký chạy)
</translation>
    </message>
    <message>
        <source>Recorded runs</source>
        <translation>Các lần chạy đã ghi lại</translation>
    </message>
    <message>
        <source>Cannot write %1: the PDF writer did not start.</source>
        <translation>Không ghi được %1: trình ghi PDF không khởi động được.</translation>
    </message>
    <message>
        <source>Recorded live runs from %1</source>
        <translation>Đã lấy các lần chạy trực tiếp được ghi lại từ %1</translation>
    </message>
    <message>
        <source>The runbook is written without live results.</source>
        <translation>Sổ tay vận hành được ghi mà không có kết quả chạy trực tiếp.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Không đọc được %1: %2</translation>
    </message>
    <message>
        <source>null</source>
        <translation>giá trị null</translation>
    </message>
    <message>
        <source>true/false</source>
        <translation>giá trị true/false</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>một số</translation>
    </message>
    <message>
        <source>an array</source>
        <translation>một mảng</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>một đối tượng</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>không có gì</translation>
    </message>
    <message>
        <source>expected an object, found %1</source>
        <translation>cần một đối tượng, nhưng gặp %1</translation>
    </message>
    <message>
        <source>unknown key &quot;%1&quot;</source>
        <translation>khóa không xác định &quot;%1&quot;</translation>
    </message>
    <message>
        <source>a string</source>
        <translation>một chuỗi</translation>
    </message>
    <message>
        <source>expected a whole number, found %1</source>
        <translation>cần một số nguyên, nhưng gặp %1</translation>
    </message>
    <message>
        <source>true or false</source>
        <translation>true hoặc false</translation>
    </message>
    <message>
        <source>expected a string, found %1</source>
        <translation>cần một chuỗi, nhưng gặp %1</translation>
    </message>
    <message>
        <source>expected an array, found %1</source>
        <translation>cần một mảng, nhưng gặp %1</translation>
    </message>
    <message>
        <source>expected %1, found %2</source>
        <translation>cần %1, nhưng gặp %2</translation>
    </message>
    <message>
        <source>The file is %1 MB; a lab plan is at most %2 MB. Is this the right file?</source>
        <translation>Tệp có dung lượng %1 MB; một kế hoạch lab tối đa %2 MB. Đây có đúng là tệp cần mở không?</translation>
    </message>
    <message>
        <source>This is not a text file (binary data at line %1, column %2). A lab plan is JSON text.</source>
        <translation>Đây không phải tệp văn bản (có dữ liệu nhị phân ở dòng %1, cột %2). Kế hoạch lab là văn bản JSON.</translation>
    </message>
    <message>
        <source>line %1, column %2</source>
        <translation>dòng %1, cột %2</translation>
    </message>
    <message>
        <source>Malformed JSON at %1: %2</source>
        <translation>JSON sai cú pháp tại %1: %2</translation>
    </message>
    <message>
        <source>A lab plan is a JSON object ({ ... }) with &quot;schema&quot;: &quot;%1&quot;.</source>
        <translation>Kế hoạch lab là một đối tượng JSON ({ ... }) có &quot;schema&quot;: &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>missing; a lab plan starts with &quot;schema&quot;: &quot;%1&quot;</source>
        <translation>thiếu; kế hoạch lab bắt đầu bằng &quot;schema&quot;: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not supported; this version reads &quot;%2&quot;</source>
        <translation>&quot;%1&quot; không được hỗ trợ; phiên bản này đọc &quot;%2&quot;</translation>
    </message>
    <message numerus="yes">
        <source>%1 (and %n more problem(s))</source>
        <translation>
            <numerusform>%1 (và %n lỗi khác)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is %2 MB; a lab plan is at most %3 MB. Is this the right file?</source>
        <translation>%1 có dung lượng %2 MB; một kế hoạch lab tối đa %3 MB. Đây có đúng là tệp cần mở không?</translation>
    </message>
    <message>
        <source>Write the plan and its validation report</source>
        <translation>Ghi kế hoạch và báo cáo kiểm tra</translation>
    </message>
    <message>
        <source>Saves the lab plan and the offline validation findings to %1.</source>
        <translation>Lưu kế hoạch lab và các phát hiện của bước kiểm tra ngoại tuyến vào %1.</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Không tạo được thư mục %1.</translation>
    </message>
    <message>
        <source>Validating the plan</source>
        <translation>Đang kiểm tra kế hoạch</translation>
    </message>
    <message>
        <source>%1 error(s), %2 warning(s)
</source>
        <translation>%1 lỗi, %2 cảnh báo
</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Đã hủy.</translation>
    </message>
    <message>
        <source>Writing %1</source>
        <translation>Đang ghi %1</translation>
    </message>
    <message>
        <source>Wrote %1 (%2 bytes)</source>
        <translation>Đã ghi %1 (%2 byte)</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Xong</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>Cách sửa: %1</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>đang trống</translation>
    </message>
    <message>
        <source>is %1 characters long; a DNS name has at most 253</source>
        <translation>dài %1 ký tự; một tên DNS tối đa 253 ký tự</translation>
    </message>
    <message>
        <source>ends with a dot; write the name without the trailing dot</source>
        <translation>kết thúc bằng dấu chấm; hãy viết tên không có dấu chấm ở cuối</translation>
    </message>
    <message>
        <source>has an empty label (two dots in a row)</source>
        <translation>có một nhãn rỗng (hai dấu chấm liền nhau)</translation>
    </message>
    <message>
        <source>has a label of %1 characters (&quot;%2...&quot;); a label has at most 63</source>
        <translation>có một nhãn dài %1 ký tự (&quot;%2...&quot;); một nhãn tối đa 63 ký tự</translation>
    </message>
    <message>
        <source>contains &quot;%1&quot;; only letters, digits, hyphens and dots are allowed</source>
        <translation>chứa &quot;%1&quot;; chỉ được dùng chữ cái, chữ số, dấu gạch nối và dấu chấm</translation>
    </message>
    <message>
        <source>has the label &quot;%1&quot;, which starts or ends with a hyphen</source>
        <translation>có nhãn &quot;%1&quot; bắt đầu hoặc kết thúc bằng dấu gạch nối</translation>
    </message>
    <message>
        <source>is an IP address, not a name</source>
        <translation>là một địa chỉ IP, không phải một tên</translation>
    </message>
    <message>
        <source>is not fully qualified; add the domain (for example %1.example.com)</source>
        <translation>chưa đầy đủ; hãy thêm tên miền (ví dụ %1.example.com)</translation>
    </message>
    <message>
        <source>Use 8 to 20 characters (this one has %1).</source>
        <translation>Hãy dùng từ 8 đến 20 ký tự (mật khẩu này có %1).</translation>
    </message>
    <message>
        <source>Add an upper-case letter.</source>
        <translation>Hãy thêm một chữ in hoa.</translation>
    </message>
    <message>
        <source>Add a lower-case letter.</source>
        <translation>Hãy thêm một chữ thường.</translation>
    </message>
    <message>
        <source>Add a digit.</source>
        <translation>Hãy thêm một chữ số.</translation>
    </message>
    <message>
        <source>Add a special character such as ! # $ %.</source>
        <translation>Hãy thêm một ký tự đặc biệt như ! # $ %.</translation>
    </message>
    <message>
        <source>Use only ASCII characters (no accents, no control characters).</source>
        <translation>Chỉ dùng ký tự ASCII (không dấu, không ký tự điều khiển).</translation>
    </message>
    <message>
        <source>Remove the spaces.</source>
        <translation>Hãy bỏ các dấu cách.</translation>
    </message>
    <message>
        <source>Required value is empty.</source>
        <translation>Giá trị bắt buộc đang trống.</translation>
    </message>
    <message>
        <source>The %1 is empty.</source>
        <translation>%1 đang trống.</translation>
    </message>
    <message>
        <source>Enter an IPv4 address such as 192.168.1.10.</source>
        <translation>Hãy nhập một địa chỉ IPv4 như 192.168.1.10.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IPv4 address.</source>
        <translation>&quot;%1&quot; không phải là địa chỉ IPv4.</translation>
    </message>
    <message>
        <source>Write four numbers 0-255 separated by dots, without leading zeros, for example 192.168.1.10.</source>
        <translation>Viết bốn số từ 0 đến 255 cách nhau bằng dấu chấm, không có số 0 ở đầu, ví dụ 192.168.1.10.</translation>
    </message>
    <message>
        <source>The %1 &quot;%2&quot; %3.</source>
        <translation>%1 &quot;%2&quot; %3.</translation>
    </message>
    <message>
        <source>Use a fully qualified name such as host.%1.</source>
        <translation>Hãy dùng tên đầy đủ như host.%1.</translation>
    </message>
    <message>
        <source>Give the lab a short name, for example sslab.</source>
        <translation>Hãy đặt cho lab một tên ngắn, ví dụ sslab.</translation>
    </message>
    <message>
        <source>The DNS domain &quot;%1&quot; %2.</source>
        <translation>Tên miền DNS &quot;%1&quot; %2.</translation>
    </message>
    <message>
        <source>Enter the lab&apos;s DNS domain, for example sslab.com.</source>
        <translation>Hãy nhập tên miền DNS của lab, ví dụ sslab.com.</translation>
    </message>
    <message>
        <source>No DNS server is given.</source>
        <translation>Chưa có máy chủ DNS nào.</translation>
    </message>
    <message>
        <source>Add the address of the DNS server that holds the lab&apos;s records.</source>
        <translation>Hãy thêm địa chỉ của máy chủ DNS chứa các bản ghi của lab.</translation>
    </message>
    <message>
        <source>DNS server address</source>
        <translation>Địa chỉ máy chủ DNS</translation>
    </message>
    <message>
        <source>No NTP server is given.</source>
        <translation>Chưa có máy chủ NTP nào.</translation>
    </message>
    <message>
        <source>Add one: the PSCs, vCenter and ESXi must agree on the time, or SSO logins and replication fail.</source>
        <translation>Hãy thêm một máy chủ: các PSC, vCenter và ESXi phải thống nhất về thời gian, nếu không đăng nhập SSO và việc sao chép dữ liệu sẽ thất bại.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no valid port after the colon.</source>
        <translation>&quot;%1&quot; không có cổng hợp lệ sau dấu hai chấm.</translation>
    </message>
    <message>
        <source>Write host or host:port with a port from 1 to 65535 (NTP uses 123).</source>
        <translation>Viết host hoặc host:cổng với cổng từ 1 đến 65535 (NTP dùng cổng 123).</translation>
    </message>
    <message>
        <source>NTP server</source>
        <translation>Máy chủ NTP</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has host bits set.</source>
        <translation>&quot;%1&quot; có các bit phần host khác 0.</translation>
    </message>
    <message>
        <source>Write the network address: %1/%2.</source>
        <translation>Hãy viết địa chỉ mạng: %1/%2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a network in CIDR form.</source>
        <translation>&quot;%1&quot; không phải là một mạng ở dạng CIDR.</translation>
    </message>
    <message>
        <source>Write the management network as address/prefix, for example 192.168.1.0/24.</source>
        <translation>Viết mạng quản trị dưới dạng địa chỉ/tiền tố, ví dụ 192.168.1.0/24.</translation>
    </message>
    <message>
        <source>/%1 leaves too few addresses for two PSCs, the load balancer and vCenter.</source>
        <translation>/%1 để lại quá ít địa chỉ cho hai PSC, bộ cân bằng tải và vCenter.</translation>
    </message>
    <message>
        <source>Use a prefix of /29 or shorter, such as /24.</source>
        <translation>Hãy dùng tiền tố /29 hoặc ngắn hơn, như /24.</translation>
    </message>
    <message>
        <source>gateway address</source>
        <translation>Địa chỉ gateway</translation>
    </message>
    <message>
        <source>Name the port group the appliances attach to, for example VM Network.</source>
        <translation>Hãy đặt tên nhóm cổng mà các appliance gắn vào, ví dụ VM Network.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a deployment target kind.</source>
        <translation>&quot;%1&quot; không phải là một loại nơi triển khai.</translation>
    </message>
    <message>
        <source>Use esxi (deploy on a host) or vcenter (deploy through a managing vCenter).</source>
        <translation>Dùng esxi (triển khai trên một host) hoặc vcenter (triển khai qua một vCenter quản lý).</translation>
    </message>
    <message>
        <source>deployment host</source>
        <translation>Máy chủ triển khai</translation>
    </message>
    <message>
        <source>Enter the vCenter user, for example administrator@vsphere.local.</source>
        <translation>Hãy nhập người dùng vCenter, ví dụ administrator@vsphere.local.</translation>
    </message>
    <message>
        <source>Enter the ESXi user, usually root.</source>
        <translation>Hãy nhập người dùng ESXi, thường là root.</translation>
    </message>
    <message>
        <source>Name the datastore for the appliances.</source>
        <translation>Hãy đặt tên datastore cho các appliance.</translation>
    </message>
    <message>
        <source>Name the network (port group) on the target for the appliances.</source>
        <translation>Hãy đặt tên mạng (nhóm cổng) trên nơi triển khai cho các appliance.</translation>
    </message>
    <message>
        <source>Name the datacenter that holds the target cluster or host.</source>
        <translation>Hãy đặt tên datacenter chứa cluster hoặc host đích.</translation>
    </message>
    <message>
        <source>Name the cluster (or host) the appliances are placed on.</source>
        <translation>Hãy đặt tên cluster (hoặc host) nơi đặt các appliance.</translation>
    </message>
    <message>
        <source>The SSO domain &quot;%1&quot; %2.</source>
        <translation>Miền SSO &quot;%1&quot; %2.</translation>
    </message>
    <message>
        <source>Use DNS-label syntax with at least one dot, for example vsphere.local. It cannot be changed after the first PSC is installed.</source>
        <translation>Dùng cú pháp nhãn DNS với ít nhất một dấu chấm, ví dụ vsphere.local. Không thể đổi sau khi đã cài PSC đầu tiên.</translation>
    </message>
    <message>
        <source>The SSO domain equals the DNS domain %1.</source>
        <translation>Miền SSO trùng với tên miền DNS %1.</translation>
    </message>
    <message>
        <source>Use a name of its own, such as vsphere.local: an SSO domain that matches an Active Directory domain breaks identity sources.</source>
        <translation>Hãy dùng một tên riêng, như vsphere.local: miền SSO trùng với một miền Active Directory sẽ làm hỏng các nguồn định danh.</translation>
    </message>
    <message>
        <source>Name the SSO site both PSCs join, for example Default-First-Site.</source>
        <translation>Hãy đặt tên site SSO mà cả hai PSC tham gia, ví dụ Default-First-Site.</translation>
    </message>
    <message>
        <source>The site name has %1 characters.</source>
        <translation>Tên site có %1 ký tự.</translation>
    </message>
    <message>
        <source>Shorten it to 63 characters or fewer.</source>
        <translation>Hãy rút ngắn còn tối đa 63 ký tự.</translation>
    </message>
    <message numerus="yes">
        <source>%n PSC(s) planned; a load-balanced pair needs at least two.</source>
        <translation>
            <numerusform>Kế hoạch có %n PSC; một cặp được cân bằng tải cần ít nhất hai.</numerusform>
        </translation>
    </message>
    <message>
        <source>Add a second PSC that replicates with the first.</source>
        <translation>Hãy thêm PSC thứ hai sao chép dữ liệu với PSC thứ nhất.</translation>
    </message>
    <message>
        <source>Give the appliance a VM name, for example vcenter-psc0%1.</source>
        <translation>Hãy đặt tên VM cho appliance, ví dụ vcenter-psc0%1.</translation>
    </message>
    <message>
        <source>PSC name</source>
        <translation>Tên PSC</translation>
    </message>
    <message>
        <source>PSC address</source>
        <translation>Địa chỉ PSC</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a supported load balancer.</source>
        <translation>&quot;%1&quot; không phải là bộ cân bằng tải được hỗ trợ.</translation>
    </message>
    <message>
        <source>Use netscaler (Citrix NetScaler / ADC).</source>
        <translation>Dùng netscaler (Citrix NetScaler / ADC).</translation>
    </message>
    <message>
        <source>NetScaler management address (NSIP)</source>
        <translation>Địa chỉ quản trị NetScaler (NSIP)</translation>
    </message>
    <message>
        <source>NetScaler subnet address (SNIP)</source>
        <translation>Địa chỉ subnet NetScaler (SNIP)</translation>
    </message>
    <message>
        <source>virtual address (VIP)</source>
        <translation>Địa chỉ ảo (VIP)</translation>
    </message>
    <message>
        <source>load-balancer name</source>
        <translation>Tên bộ cân bằng tải</translation>
    </message>
    <message>
        <source>No port is balanced.</source>
        <translation>Chưa có cổng nào được cân bằng tải.</translation>
    </message>
    <message>
        <source>Balance the PSC ports 443, 389, 636, 2012, 2014 and 2020.</source>
        <translation>Hãy cân bằng tải các cổng PSC 443, 389, 636, 2012, 2014 và 2020.</translation>
    </message>
    <message>
        <source>%1 is not a TCP port.</source>
        <translation>%1 không phải là cổng TCP.</translation>
    </message>
    <message>
        <source>Use a number from 1 to 65535.</source>
        <translation>Dùng một số từ 1 đến 65535.</translation>
    </message>
    <message>
        <source>Port %1 is listed twice.</source>
        <translation>Cổng %1 được liệt kê hai lần.</translation>
    </message>
    <message>
        <source>Remove the repeated entry.</source>
        <translation>Hãy bỏ mục bị lặp.</translation>
    </message>
    <message>
        <source>PSC port %1 is not balanced.</source>
        <translation>Cổng PSC %1 chưa được cân bằng tải.</translation>
    </message>
    <message>
        <source>Add %1 unless you know no client uses it; vCenter reaches the PSCs on 443, 389, 636, 2012, 2014 and 2020.</source>
        <translation>Hãy thêm %1 trừ khi bạn biết chắc không có client nào dùng nó; vCenter kết nối tới các PSC qua 443, 389, 636, 2012, 2014 và 2020.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a persistence type.</source>
        <translation>&quot;%1&quot; không phải là một kiểu duy trì phiên.</translation>
    </message>
    <message>
        <source>Use SOURCEIP (what the PSCs need), COOKIEINSERT, RULE or NONE.</source>
        <translation>Dùng SOURCEIP (kiểu các PSC cần), COOKIEINSERT, RULE hoặc NONE.</translation>
    </message>
    <message>
        <source>A persistence timeout of %1 minutes is out of range.</source>
        <translation>Thời gian duy trì phiên %1 phút nằm ngoài phạm vi cho phép.</translation>
    </message>
    <message>
        <source>Use 2 to 1440 minutes; the PSC design uses 1440.</source>
        <translation>Dùng từ 2 đến 1440 phút; thiết kế cho PSC dùng 1440.</translation>
    </message>
    <message>
        <source>Set a short prefix for the NetScaler object names, for example psc.</source>
        <translation>Hãy đặt một tiền tố ngắn cho tên các đối tượng NetScaler, ví dụ psc.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not usable in NetScaler object names.</source>
        <translation>&quot;%1&quot; không dùng được trong tên đối tượng NetScaler.</translation>
    </message>
    <message>
        <source>Use at most 40 ASCII letters, digits, &apos;_&apos;, &apos;-&apos; or &apos;.&apos;, starting with a letter, digit or &apos;_&apos;.</source>
        <translation>Dùng tối đa 40 chữ cái ASCII, chữ số, &apos;_&apos;, &apos;-&apos; hoặc &apos;.&apos;, bắt đầu bằng chữ cái, chữ số hoặc &apos;_&apos;.</translation>
    </message>
    <message>
        <source>The country &quot;%1&quot; is not a two-letter code.</source>
        <translation>Quốc gia &quot;%1&quot; không phải là mã hai chữ cái.</translation>
    </message>
    <message>
        <source>Use the ISO 3166 code in capitals, for example AE or DE.</source>
        <translation>Dùng mã ISO 3166 viết hoa, ví dụ AE hoặc DE.</translation>
    </message>
    <message>
        <source>The common name is empty.</source>
        <translation>Tên chung (CN) đang trống.</translation>
    </message>
    <message>
        <source>The common name &quot;%1&quot; is not the load-balancer name &quot;%2&quot;.</source>
        <translation>Tên chung &quot;%1&quot; không phải là tên bộ cân bằng tải &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>Set CN to %1: clients reach the PSCs through the load balancer.</source>
        <translation>Hãy đặt CN là %1: các client kết nối tới PSC qua bộ cân bằng tải.</translation>
    </message>
    <message>
        <source>The name &quot;%1&quot; %2.</source>
        <translation>Tên &quot;%1&quot; %2.</translation>
    </message>
    <message>
        <source>Each entry is a DNS name; the certificate must name both PSCs and the load balancer.</source>
        <translation>Mỗi mục là một tên DNS; chứng chỉ phải chứa tên của cả hai PSC và của bộ cân bằng tải.</translation>
    </message>
    <message>
        <source>The certificate names do not include %1.</source>
        <translation>Các tên trong chứng chỉ không có %1.</translation>
    </message>
    <message>
        <source>Add %1 to the subject alternative names; a name missing there breaks TLS for clients that use it.</source>
        <translation>Hãy thêm %1 vào tên thay thế của chủ thể (SAN); thiếu một tên ở đó sẽ làm hỏng TLS với các client dùng tên đó.</translation>
    </message>
    <message>
        <source>An RSA key of %1 bits is not offered.</source>
        <translation>Không hỗ trợ khóa RSA %1 bit.</translation>
    </message>
    <message>
        <source>Use 2048, 3072 or 4096.</source>
        <translation>Dùng 2048, 3072 hoặc 4096.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a signer.</source>
        <translation>&quot;%1&quot; không phải là một bên ký.</translation>
    </message>
    <message>
        <source>Use vmca (the PSC&apos;s own CA signs) or external (your CA signs).</source>
        <translation>Dùng vmca (CA riêng của PSC ký) hoặc external (CA của bạn ký).</translation>
    </message>
    <message>
        <source>A validity of %1 days is out of range.</source>
        <translation>Thời hạn %1 ngày nằm ngoài phạm vi cho phép.</translation>
    </message>
    <message>
        <source>Use 1 to 3650 days.</source>
        <translation>Dùng từ 1 đến 3650 ngày.</translation>
    </message>
    <message>
        <source>Give the appliance a VM name, for example vcenter-vc01.</source>
        <translation>Hãy đặt tên VM cho appliance, ví dụ vcenter-vc01.</translation>
    </message>
    <message>
        <source>vCenter name</source>
        <translation>Tên vCenter</translation>
    </message>
    <message>
        <source>vCenter address</source>
        <translation>Địa chỉ vCenter</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a vCenter deployment size.</source>
        <translation>&quot;%1&quot; không phải là một cỡ triển khai vCenter.</translation>
    </message>
    <message>
        <source>Use tiny, small, medium, large or xlarge.</source>
        <translation>Dùng tiny, small, medium, large hoặc xlarge.</translation>
    </message>
    <message>
        <source>vCenter High Availability needs size small or larger.</source>
        <translation>vCenter High Availability cần cỡ small trở lên.</translation>
    </message>
    <message>
        <source>Choose small (or larger), or switch VCHA off.</source>
        <translation>Hãy chọn small (hoặc lớn hơn), hoặc tắt VCHA.</translation>
    </message>
    <message>
        <source>Write the HA network as address/prefix, for example 192.168.100.0/24.</source>
        <translation>Viết mạng HA dưới dạng địa chỉ/tiền tố, ví dụ 192.168.100.0/24.</translation>
    </message>
    <message>
        <source>The HA network %1 overlaps the management network %2.</source>
        <translation>Mạng HA %1 chồng lấn với mạng quản trị %2.</translation>
    </message>
    <message>
        <source>Put the HA network on a subnet of its own.</source>
        <translation>Hãy đặt mạng HA trên một subnet riêng.</translation>
    </message>
    <message>
        <source>Name the port group of the HA network.</source>
        <translation>Hãy đặt tên nhóm cổng của mạng HA.</translation>
    </message>
    <message>
        <source>%1 is outside the HA network %2.</source>
        <translation>%1 nằm ngoài mạng HA %2.</translation>
    </message>
    <message>
        <source>Pick an address inside %1.</source>
        <translation>Hãy chọn một địa chỉ trong %1.</translation>
    </message>
    <message>
        <source>%1 is the network or broadcast address of %2.</source>
        <translation>%1 là địa chỉ mạng hoặc địa chỉ broadcast của %2.</translation>
    </message>
    <message>
        <source>Pick a host address inside %1.</source>
        <translation>Hãy chọn một địa chỉ host trong %1.</translation>
    </message>
    <message>
        <source>Name the Distributed Switch.</source>
        <translation>Hãy đặt tên cho Distributed Switch.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a Distributed Switch version of vSphere 6.7.</source>
        <translation>&quot;%1&quot; không phải là phiên bản Distributed Switch của vSphere 6.7.</translation>
    </message>
    <message>
        <source>Use 6.6.0 (hosts 6.7), 6.5.0 or 6.0.0.</source>
        <translation>Dùng 6.6.0 (host 6.7), 6.5.0 hoặc 6.0.0.</translation>
    </message>
    <message>
        <source>An MTU of %1 is out of range.</source>
        <translation>MTU %1 nằm ngoài phạm vi cho phép.</translation>
    </message>
    <message>
        <source>Use 1280 to 9000: 1500 is standard, 9000 for jumbo frames.</source>
        <translation>Dùng từ 1280 đến 9000: 1500 là chuẩn, 9000 cho jumbo frame.</translation>
    </message>
    <message>
        <source>%1 uplinks is out of range.</source>
        <translation>%1 uplink nằm ngoài phạm vi cho phép.</translation>
    </message>
    <message>
        <source>Use 1 to 32 uplinks per host; 2 is usual.</source>
        <translation>Dùng từ 1 đến 32 uplink cho mỗi host; thường là 2.</translation>
    </message>
    <message>
        <source>Name the port group.</source>
        <translation>Hãy đặt tên nhóm cổng.</translation>
    </message>
    <message>
        <source>The port group name &quot;%1&quot; is used twice.</source>
        <translation>Tên nhóm cổng &quot;%1&quot; bị dùng hai lần.</translation>
    </message>
    <message>
        <source>Give every port group its own name.</source>
        <translation>Hãy đặt cho mỗi nhóm cổng một tên riêng.</translation>
    </message>
    <message>
        <source>VLAN %1 is out of range.</source>
        <translation>VLAN %1 nằm ngoài phạm vi cho phép.</translation>
    </message>
    <message>
        <source>Use 0 (no tag) to 4094.</source>
        <translation>Dùng từ 0 (không gắn thẻ) đến 4094.</translation>
    </message>
    <message>
        <source>%1 is outside the management network %2.</source>
        <translation>%1 nằm ngoài mạng quản trị %2.</translation>
    </message>
    <message>
        <source>Pick an address inside %1, or correct network.cidr.</source>
        <translation>Hãy chọn một địa chỉ trong %1, hoặc sửa network.cidr.</translation>
    </message>
    <message>
        <source>Make sure the address is routed to the lab, or pick one inside %1.</source>
        <translation>Hãy bảo đảm địa chỉ này được định tuyến tới lab, hoặc chọn một địa chỉ trong %1.</translation>
    </message>
    <message>
        <source>%1 is already used by %2.</source>
        <translation>%1 đã được %2 dùng.</translation>
    </message>
    <message>
        <source>Every node, the VIP, NSIP and SNIP need an address of their own.</source>
        <translation>Mỗi nút, VIP, NSIP và SNIP cần một địa chỉ riêng.</translation>
    </message>
    <message>
        <source>Every PSC, the load balancer, vCenter and the deployment host need a DNS name of their own.</source>
        <translation>Mỗi PSC, bộ cân bằng tải, vCenter và máy chủ triển khai cần một tên DNS riêng.</translation>
    </message>
    <message>
        <source>Lab name</source>
        <translation>Tên lab</translation>
    </message>
    <message>
        <source>DNS domain</source>
        <translation>Tên miền DNS</translation>
    </message>
    <message>
        <source>DNS servers</source>
        <translation>Máy chủ DNS</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>Gateway</translation>
    </message>
    <message>
        <source>Management port group</source>
        <translation>Nhóm cổng quản trị</translation>
    </message>
    <message>
        <source>Deploy on</source>
        <translation>Triển khai trên</translation>
    </message>
    <message>
        <source>Deployment host</source>
        <translation>Host triển khai</translation>
    </message>
    <message>
        <source>Deployment user</source>
        <translation>Người dùng triển khai</translation>
    </message>
    <message>
        <source>Datastore</source>
        <translation>Datastore</translation>
    </message>
    <message>
        <source>Target network</source>
        <translation>Mạng đích</translation>
    </message>
    <message>
        <source>Datacenter</source>
        <translation>Datacenter</translation>
    </message>
    <message>
        <source>Cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <source>SSO domain</source>
        <translation>Miền SSO</translation>
    </message>
    <message>
        <source>SSO site</source>
        <translation>Site SSO</translation>
    </message>
    <message>
        <source>PSCs</source>
        <translation>Các PSC</translation>
    </message>
    <message>
        <source>Load balancer: kind</source>
        <translation>Bộ cân bằng tải: loại</translation>
    </message>
    <message>
        <source>Load balancer: management IP (NSIP)</source>
        <translation>Bộ cân bằng tải: IP quản trị (NSIP)</translation>
    </message>
    <message>
        <source>Load balancer: subnet IP (SNIP)</source>
        <translation>Bộ cân bằng tải: IP mạng con (SNIP)</translation>
    </message>
    <message>
        <source>Load balancer: virtual IP (VIP)</source>
        <translation>Bộ cân bằng tải: IP ảo (VIP)</translation>
    </message>
    <message>
        <source>Load balancer: name</source>
        <translation>Bộ cân bằng tải: tên</translation>
    </message>
    <message>
        <source>Load balancer: ports</source>
        <translation>Bộ cân bằng tải: cổng</translation>
    </message>
    <message>
        <source>Load balancer: persistence</source>
        <translation>Bộ cân bằng tải: duy trì phiên</translation>
    </message>
    <message>
        <source>Load balancer: persistence timeout</source>
        <translation>Bộ cân bằng tải: thời hạn duy trì phiên</translation>
    </message>
    <message>
        <source>Load balancer: object name prefix</source>
        <translation>Bộ cân bằng tải: tiền tố tên đối tượng</translation>
    </message>
    <message>
        <source>Certificate: country (C)</source>
        <translation>Chứng chỉ: quốc gia (C)</translation>
    </message>
    <message>
        <source>Certificate: state (ST)</source>
        <translation>Chứng chỉ: tỉnh/bang (ST)</translation>
    </message>
    <message>
        <source>Certificate: locality (L)</source>
        <translation>Chứng chỉ: thành phố (L)</translation>
    </message>
    <message>
        <source>Certificate: organization (O)</source>
        <translation>Chứng chỉ: tổ chức (O)</translation>
    </message>
    <message>
        <source>Certificate: organizational unit (OU)</source>
        <translation>Chứng chỉ: đơn vị (OU)</translation>
    </message>
    <message>
        <source>Certificate: common name (CN)</source>
        <translation>Chứng chỉ: tên chung (CN)</translation>
    </message>
    <message>
        <source>Certificate: subject alternative names</source>
        <translation>Chứng chỉ: tên thay thế (SAN)</translation>
    </message>
    <message>
        <source>Certificate: RSA key size</source>
        <translation>Chứng chỉ: độ dài khóa RSA</translation>
    </message>
    <message>
        <source>Certificate: signer</source>
        <translation>Chứng chỉ: bên ký</translation>
    </message>
    <message>
        <source>Certificate: validity</source>
        <translation>Chứng chỉ: thời hạn hiệu lực</translation>
    </message>
    <message>
        <source>vCenter: VM name</source>
        <translation>vCenter: tên máy ảo</translation>
    </message>
    <message>
        <source>vCenter: FQDN</source>
        <translation>vCenter: FQDN</translation>
    </message>
    <message>
        <source>vCenter: IP address</source>
        <translation>vCenter: địa chỉ IP</translation>
    </message>
    <message>
        <source>vCenter: size</source>
        <translation>vCenter: kích cỡ</translation>
    </message>
    <message>
        <source>vCenter HA</source>
        <translation>vCenter HA</translation>
    </message>
    <message>
        <source>vCenter HA: network</source>
        <translation>vCenter HA: mạng</translation>
    </message>
    <message>
        <source>vCenter HA: port group</source>
        <translation>vCenter HA: nhóm cổng</translation>
    </message>
    <message>
        <source>vCenter HA: active node address</source>
        <translation>vCenter HA: địa chỉ nút chủ động</translation>
    </message>
    <message>
        <source>vCenter HA: passive node address</source>
        <translation>vCenter HA: địa chỉ nút thụ động</translation>
    </message>
    <message>
        <source>vCenter HA: witness address</source>
        <translation>vCenter HA: địa chỉ nút chứng kiến</translation>
    </message>
    <message>
        <source>Distributed Switch: name</source>
        <translation>Distributed Switch: tên</translation>
    </message>
    <message>
        <source>Distributed Switch: version</source>
        <translation>Distributed Switch: phiên bản</translation>
    </message>
    <message>
        <source>Distributed Switch: MTU</source>
        <translation>Distributed Switch: MTU</translation>
    </message>
    <message>
        <source>Distributed Switch: uplinks</source>
        <translation>Distributed Switch: số uplink</translation>
    </message>
    <message>
        <source>PSC %1 (%2)</source>
        <translation>PSC %1 (%2)</translation>
    </message>
    <message>
        <source>VM name</source>
        <translation>Tên máy ảo</translation>
    </message>
    <message>
        <source>FQDN</source>
        <translation>FQDN</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>Địa chỉ IP</translation>
    </message>
    <message>
        <source>Port group %1</source>
        <translation>Nhóm cổng %1</translation>
    </message>
    <message>
        <source>Port group %1 (%2)</source>
        <translation>Nhóm cổng %1 (%2)</translation>
    </message>
    <message>
        <source>VLAN</source>
        <translation>VLAN</translation>
    </message>
    <message>
        <source>name</source>
        <translation>tên</translation>
    </message>
    <message>
        <source>%1, entry %2</source>
        <translation>%1, mục %2</translation>
    </message>
    <message>
        <source>The plan has no field %1.</source>
        <translation>Kế hoạch không có trường %1.</translation>
    </message>
    <message>
        <source>Recorded on %1: %2 checks, %3 failed, %4 warnings, %5 no answer, %6 cancelled, %7 not run.</source>
        <translation>Ghi nhận lúc %1: %2 mục kiểm tra, %3 thất bại, %4 cảnh báo, %5 không có trả lời, %6 đã hủy, %7 chưa chạy.</translation>
    </message>
    <message>
        <source>%1 does not exist.</source>
        <translation>%1 không tồn tại.</translation>
    </message>
    <message>
        <source>%1 is a folder, not a file.</source>
        <translation>%1 là một thư mục, không phải tệp.</translation>
    </message>
    <message>
        <source>%1 is a pipe (FIFO), not a file: it is not read, since that could wait for ever.</source>
        <translation>%1 là một đường ống (FIFO), không phải tệp: không đọc nó, vì việc đó có thể chờ mãi mãi.</translation>
    </message>
    <message>
        <source>%1 is a device, not a file: it is not read, since it may never end.</source>
        <translation>%1 là một thiết bị, không phải tệp: không đọc nó, vì nó có thể không bao giờ kết thúc.</translation>
    </message>
    <message>
        <source>%1 is not a regular file.</source>
        <translation>%1 không phải là tệp thông thường.</translation>
    </message>
    <message>
        <source>Verify: %1</source>
        <translation>Cần kiểm tra: %1</translation>
    </message>
    <message>
        <source>Then point SSO and the lookup service of the PSCs at the load-balancer name %1. Source: %2</source>
        <translation>Sau đó trỏ SSO và dịch vụ tra cứu (lookup service) của các PSC vào tên bộ cân bằng tải %1. Nguồn: %2</translation>
    </message>
    <message>
        <source>On %1 (%2), in bash</source>
        <translation>Trên %1 (%2), trong bash</translation>
    </message>
    <message>
        <source>Or, after checking the commands</source>
        <translation>Hoặc, sau khi đã kiểm tra các lệnh</translation>
    </message>
    <message>
        <source>SSO and the lookup service point at %1</source>
        <translation>SSO và dịch vụ tra cứu trỏ vào %1</translation>
    </message>
    <message>
        <source>%1 entries; a lab plan holds at most %2 here. Is this the right file?</source>
        <translation>%1 mục; một kế hoạch lab chỉ chứa tối đa %2 mục ở đây. Đây có đúng tệp không?</translation>
    </message>
    <message>
        <source>The installer verifies the certificate of the ESXi host or vCenter it deploys to. If that host still has a self-signed certificate, compare its SHA-256 thumbprint with the one shown on the host&apos;s console (or replace the certificate) first. Only then, and knowingly, add --no-ssl-certificate-verification to the command: with it the installer trusts whatever answers at that address, and sends it the host&apos;s and the appliance&apos;s passwords.</source>
        <translation>Trình cài đặt kiểm tra chứng chỉ của máy chủ ESXi hoặc vCenter mà nó triển khai lên. Nếu máy chủ đó vẫn dùng chứng chỉ tự ký, trước hết hãy so sánh dấu vân tay SHA-256 của nó với dấu vân tay hiển thị trên màn hình console của máy chủ (hoặc thay chứng chỉ). Chỉ khi đó, và khi đã hiểu rõ, mới thêm --no-ssl-certificate-verification vào lệnh: với tùy chọn này trình cài đặt tin bất kỳ thứ gì trả lời ở địa chỉ đó, và gửi cho nó mật khẩu của máy chủ và của appliance.</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>thành công</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>thất bại</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>thất bại: %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>đã hủy</translation>
    </message>
    <message>
        <source>cancelled: %1</source>
        <translation>đã hủy: %1</translation>
    </message>
    <message>
        <source>skipped (not run)</source>
        <translation>bỏ qua (không chạy)</translation>
    </message>
    <message>
        <source>skipped (not run): %1</source>
        <translation>bỏ qua (không chạy): %1</translation>
    </message>
    <message>
        <source>interrupted (%1); what it did on the lab is unknown</source>
        <translation>bị ngắt (%1); không rõ nó đã làm gì trên lab</translation>
    </message>
    <message>
        <source>interrupted (the program stopped); what it did on the lab is unknown</source>
        <translation>bị ngắt (chương trình đã dừng); không rõ nó đã làm gì trên lab</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Ở đâu</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>this computer</source>
        <translation>máy tính này</translation>
    </message>
    <message>
        <source>(nothing recorded: the run was cut off)
</source>
        <translation>(không có gì được ghi lại: lần chạy đã bị cắt ngang)
</translation>
    </message>
    <message>
        <source>Evidence: %1 (%2, %3)</source>
        <translation>Minh chứng: %1 (%2, %3)</translation>
    </message>
    <message>
        <source>Run live by vLab Wizard: every run of this step, oldest first, with what was sent and what came back (passwords are never recorded).</source>
        <translation>Được vLab Wizard chạy trực tiếp: mọi lần chạy của bước này, cũ nhất trước, cùng những gì đã gửi đi và nhận về (mật khẩu không bao giờ được ghi lại).</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <source>File: %1</source>
        <translation>Tệp: %1</translation>
    </message>
    <message>
        <source>skipped, nothing to do</source>
        <translation>bỏ qua, không có gì cần làm</translation>
    </message>
    <message>
        <source>skipped, nothing to do: %1</source>
        <translation>bỏ qua, không có gì cần làm: %1</translation>
    </message>
    <message>
        <source>As built</source>
        <translation>Hiện trạng sau khi dựng</translation>
    </message>
    <message>
        <source>The lab as the as-built audit (vlab audit) found it, checked against the plan.</source>
        <translation>Phòng lab như lần kiểm tra hiện trạng (vlab audit) đã thấy, đối chiếu với kế hoạch.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Area, target: expected, found, message</source>
        <translation>Phần, đối tượng: mong đợi, tìm thấy, thông báo</translation>
    </message>
    <message>
        <source>%1, %2: expected %3, found %4. %5</source>
        <translation>%1, %2: mong đợi %3, tìm thấy %4. %5</translation>
    </message>
    <message>
        <source>Every check</source>
        <translation>Mọi mục kiểm tra</translation>
    </message>
    <message>
        <source>Run vlab audit PLAN again to refresh this chapter; the hints of the items that are not ok say which step fixes them.</source>
        <translation>Chạy lại vlab audit PLAN để cập nhật chương này; gợi ý của các mục chưa đạt cho biết bước nào sửa chúng.</translation>
    </message>
    <message>
        <source>The as-built audit from %1</source>
        <translation>Kết quả kiểm tra hiện trạng từ %1</translation>
    </message>
    <message>
        <source>%1 is not an audit record; the runbook is written without the As built chapter.</source>
        <translation>%1 không phải là bản ghi kiểm tra; sổ tay được ghi mà không có chương Hiện trạng sau khi dựng.</translation>
    </message>
    <message>
        <source>%1 (areas: %2)</source>
        <translation>%1 (các phần: %2)</translation>
    </message>
    <message>
        <source>Audited on %1: %2 ok, %3 drift, %4 unreachable, %5 skipped.</source>
        <translation>Kiểm tra lúc %1: %2 đạt, %3 lệch, %4 không liên lạc được, %5 bỏ qua.</translation>
    </message>
    <message>
        <source>%1 (areas: not recorded)</source>
        <translation>%1 (các phần: không được ghi lại)</translation>
    </message>
    <message>
        <source> and </source>
        <translation> và </translation>
    </message>
</context>
<context>
    <name>vlab::ApplyCertificatesPage</name>
    <message>
        <source>Run</source>
        <translation>Chạy</translation>
    </message>
    <message>
        <source>Apply certificates</source>
        <translation>Áp dụng chứng chỉ</translation>
    </message>
    <message>
        <source>Replaces the machine SSL certificate on the PSCs over SSH, one after the other, with certificate-manager (option 1, then 2), and checks that each then serves the new certificate.</source>
        <translation>Thay chứng chỉ Machine SSL trên các PSC qua SSH, lần lượt từng PSC, bằng certificate-manager (chọn 1, rồi 2), và kiểm tra rằng sau đó từng PSC đều trả về chứng chỉ mới.</translation>
    </message>
    <message>
        <source>PSC</source>
        <translation>PSC</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Tệp</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Quyền</translation>
    </message>
    <message>
        <source>On the PSC</source>
        <translation>Trên PSC</translation>
    </message>
    <message>
        <source>First make bash root&apos;s login shell (%1), so that SFTP works</source>
        <translation>Trước tiên đặt bash làm shell đăng nhập của root (%1) để SFTP hoạt động</translation>
    </message>
    <message>
        <source>This changes the appliance. To give the appliance shell back afterwards, run on the PSC: %1</source>
        <translation>Thao tác này thay đổi appliance. Để khôi phục shell của appliance sau đó, hãy chạy trên PSC: %1</translation>
    </message>
    <message>
        <source>SSH user</source>
        <translation>Người dùng SSH</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>SSO administrator</source>
        <translation>Quản trị viên SSO</translation>
    </message>
    <message>
        <source>SSO password</source>
        <translation>Mật khẩu SSO</translation>
    </message>
    <message>
        <source>SSH port</source>
        <translation>Cổng SSH</translation>
    </message>
    <message>
        <source>HTTPS port checked afterwards</source>
        <translation>Cổng HTTPS được kiểm tra sau đó</translation>
    </message>
    <message>
        <source>Folder on the PSC</source>
        <translation>Thư mục trên PSC</translation>
    </message>
    <message>
        <source>certificate-manager</source>
        <translation>certificate-manager</translation>
    </message>
    <message>
        <source>Live on the PSCs (SSH)</source>
        <translation>Trực tiếp trên các PSC (SSH)</translation>
    </message>
    <message>
        <source>All, one after the other</source>
        <translation>Tất cả, lần lượt từng PSC</translation>
    </message>
    <message>
        <source>Missing in %1: %2. Make them on the Certificates page first.</source>
        <translation>Thiếu trong %1: %2. Hãy tạo chúng ở trang Chứng chỉ trước.</translation>
    </message>
    <message>
        <source>The certificate files in %1 pass every check.</source>
        <translation>Các tệp chứng chỉ trong %1 đạt mọi mục kiểm tra.</translation>
    </message>
    <message>
        <source>The certificate files in %1 do not pass the checks; nothing will be sent until they do (see the Certificates page).
%2</source>
        <translation>Các tệp chứng chỉ trong %1 chưa đạt các mục kiểm tra; sẽ không có gì được gửi đi cho đến khi chúng đạt (xem trang Chứng chỉ).
%2</translation>
    </message>
    <message>
        <source>(missing)</source>
        <translation>(thiếu)</translation>
    </message>
    <message>
        <source>(private key: not shown)</source>
        <translation>(khóa riêng: không hiển thị)</translation>
    </message>
    <message>
        <source>== %1: ssh %2 ==</source>
        <translation>== %1: ssh %2 ==</translation>
    </message>
    <message>
        <source>  (undo: %1)</source>
        <translation>  (hoàn tác: %1)</translation>
    </message>
    <message>
        <source>then: the certificate served on %1 must have the new leaf&apos;s SHA-256</source>
        <translation>sau đó: chứng chỉ được trả về trên %1 phải có SHA-256 của chứng chỉ lá mới</translation>
    </message>
    <message>
        <source>The certificate files do not pass the checks yet; nothing was sent.</source>
        <translation>Các tệp chứng chỉ chưa đạt các mục kiểm tra; chưa có gì được gửi đi.</translation>
    </message>
    <message>
        <source>The folder on the PSC must be an absolute path.</source>
        <translation>Thư mục trên PSC phải là đường dẫn tuyệt đối.</translation>
    </message>
    <message>
        <source>Apply the machine certificate to the PSCs</source>
        <translation>Áp dụng chứng chỉ máy cho các PSC</translation>
    </message>
    <message>
        <source>Replacing the certificate ...</source>
        <translation>Đang thay chứng chỉ ...</translation>
    </message>
    <message>
        <source>Done: every chosen PSC serves the new certificate.</source>
        <translation>Xong: mọi PSC đã chọn đều trả về chứng chỉ mới.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Đã dừng.</translation>
    </message>
    <message>
        <source>Enter the SSH user, its password and the SSO administrator&apos;s password first.</source>
        <translation>Hãy nhập người dùng SSH, mật khẩu của người dùng đó và mật khẩu của quản trị viên SSO trước.</translation>
    </message>
    <message>
        <source>Point the PSCs at the load balancer...</source>
        <translation>Trỏ các PSC vào bộ cân bằng tải...</translation>
    </message>
    <message>
        <source>After the certificate, SSO and the lookup service of the PSCs must use the load-balancer name. %1 {lb}, {user} and {password} are filled in; the SSO password is typed at a prompt on the PSC, never put on a command line.</source>
        <translation>Sau chứng chỉ, SSO và dịch vụ tra cứu của các PSC phải dùng tên bộ cân bằng tải. %1 {lb}, {user} và {password} được điền vào; mật khẩu SSO được gõ tại dấu nhắc trên PSC, không bao giờ đặt vào dòng lệnh.</translation>
    </message>
    <message>
        <source>On every PSC</source>
        <translation>Trên mọi PSC</translation>
    </message>
    <message>
        <source>Then on the first PSC</source>
        <translation>Sau đó trên PSC đầu tiên</translation>
    </message>
    <message>
        <source>Then: point the PSCs at the load-balancer name (verify the commands)</source>
        <translation>Sau đó: trỏ các PSC vào tên bộ cân bằng tải (hãy kiểm tra các lệnh)</translation>
    </message>
    <message>
        <source>Run these commands on the PSCs?</source>
        <translation>Chạy các lệnh này trên các PSC?</translation>
    </message>
    <message>
        <source>These commands change SSO and the lookup service of the PSCs. They come from KB 2147014 as far as it is known; check them against the article.

%1

Run them now?</source>
        <translation>Các lệnh này thay đổi SSO và dịch vụ tra cứu của các PSC. Chúng lấy từ KB 2147014 theo những gì đã biết; hãy đối chiếu với bài viết.

%1

Chạy chúng ngay bây giờ?</translation>
    </message>
    <message>
        <source>on %1 as %2@%3:</source>
        <translation>trên %1 với %2@%3:</translation>
    </message>
    <message>
        <source>Not approved: nothing was run.</source>
        <translation>Chưa được chấp thuận: không có gì được chạy.</translation>
    </message>
    <message>
        <source>Done: the PSCs point at the load-balancer name.</source>
        <translation>Xong: các PSC trỏ vào tên bộ cân bằng tải.</translation>
    </message>
    <message>
        <source>Point the PSCs at the load-balancer name</source>
        <translation>Trỏ các PSC vào tên bộ cân bằng tải</translation>
    </message>
    <message>
        <source>Pointing the PSCs at the load-balancer name ...</source>
        <translation>Đang trỏ các PSC vào tên bộ cân bằng tải ...</translation>
    </message>
    <message>
        <source>Done: every chosen PSC serves the new certificate. %1 served it already, so nothing was uploaded or run there.</source>
        <translation>Xong: mọi PSC đã chọn đều trả về chứng chỉ mới. %1 đã trả về chứng chỉ này từ trước, nên không có gì được tải lên hay chạy ở đó.</translation>
    </message>
    <message>
        <source>first: the certificate served on %1 is looked at; when it is the new leaf already, nothing below is done</source>
        <translation>trước hết: xem chứng chỉ được trả về trên %1; nếu đó đã là chứng chỉ lá mới thì không làm gì ở dưới đây</translation>
    </message>
</context>
<context>
    <name>vlab::ApprovalDialog</name>
    <message>
        <source>Approve changes to the lab</source>
        <translation>Phê duyệt các thay đổi trên lab</translation>
    </message>
    <message>
        <source>&quot;%1&quot; changes the lab as listed below. Nothing is changed until you approve; check the hosts and the changes first.</source>
        <translation>&quot;%1&quot; thay đổi lab như liệt kê dưới đây. Không có gì bị thay đổi cho đến khi bạn phê duyệt; hãy kiểm tra các máy chủ và các thay đổi trước.</translation>
    </message>
    <message>
        <source>%1 (on %2)</source>
        <translation>%1 (trên %2)</translation>
    </message>
    <message>
        <source>&amp;Make these changes</source>
        <translation>&amp;Thực hiện các thay đổi này</translation>
    </message>
    <message>
        <source>Do&amp;n&apos;t change anything</source>
        <translation>&amp;Không thay đổi gì</translation>
    </message>
</context>
<context>
    <name>vlab::AuditPage</name>
    <message>
        <source>DNS</source>
        <translation>DNS</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>Chứng chỉ</translation>
    </message>
    <message>
        <source>NetScaler</source>
        <translation>NetScaler</translation>
    </message>
    <message>
        <source>PSC</source>
        <translation>PSC</translation>
    </message>
    <message>
        <source>vCenter</source>
        <translation>vCenter</translation>
    </message>
    <message>
        <source>VCHA</source>
        <translation>VCHA</translation>
    </message>
    <message>
        <source>vDS</source>
        <translation>vDS</translation>
    </message>
    <message>
        <source>TCP</source>
        <translation>TCP</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>đạt</translation>
    </message>
    <message>
        <source>drift</source>
        <translation>lệch</translation>
    </message>
    <message>
        <source>unreachable</source>
        <translation>không liên lạc được</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>bỏ qua</translation>
    </message>
    <message>
        <source>As-built audit</source>
        <translation>Kiểm tra hiện trạng</translation>
    </message>
    <message>
        <source>&amp;Run the audit</source>
        <translation>Chạy &amp;kiểm tra</translation>
    </message>
    <message>
        <source>Re-run &amp;problem areas</source>
        <translation>Chạy &amp;lại các phần có vấn đề</translation>
    </message>
    <message>
        <source>&amp;Go to the step that fixes it</source>
        <translation>Đến &amp;bước sửa lỗi này</translation>
    </message>
    <message>
        <source>Checks the built lab against the plan, reading only: DNS records, the certificates served, the NetScaler objects, the PSCs&apos; SSO domain and site, vCenter, VCHA, the Distributed Switch and TCP states. Nothing is changed.</source>
        <translation>Đối chiếu lab đã dựng với kế hoạch, chỉ đọc: bản ghi DNS, các chứng chỉ được trả về, các đối tượng NetScaler, miền SSO và site của các PSC, vCenter, VCHA, Distributed Switch và các trạng thái TCP. Không có gì bị thay đổi.</translation>
    </message>
    <message>
        <source>Audits again the areas with drift, unreachable or skipped checks; the rows of the other areas stay.</source>
        <translation>Kiểm tra lại các phần có mục lệch, không liên lạc được hoặc bị bỏ qua; các dòng của những phần khác được giữ nguyên.</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Area</source>
        <translation>Phần</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Đối tượng</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>Mong đợi</translation>
    </message>
    <message>
        <source>Found</source>
        <translation>Tìm thấy</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Thông báo</translation>
    </message>
    <message>
        <source>The NSIP (management address), optionally with :PORT; its certificate must have been confirmed on the Load balancer page.</source>
        <translation>NSIP (địa chỉ quản trị), có thể kèm :CỔNG; chứng chỉ của nó phải đã được xác nhận ở trang Bộ cân bằng tải.</translation>
    </message>
    <message>
        <source>NetScaler (netscaler)</source>
        <translation>NetScaler (netscaler)</translation>
    </message>
    <message>
        <source>vCenter (vcenter, vcha, vds)</source>
        <translation>vCenter (vcenter, vcha, vds)</translation>
    </message>
    <message>
        <source>PSCs over SSH (psc, tcp)</source>
        <translation>Các PSC qua SSH (psc, tcp)</translation>
    </message>
    <message>
        <source>The PSCs&apos; host keys must be recorded in the project (Apply certificates or Diagnostics do that); the audit records none.</source>
        <translation>Khóa máy chủ của các PSC phải đã được ghi trong dự án (trang Áp dụng chứng chỉ hoặc Chẩn đoán làm việc đó); việc kiểm tra không ghi khóa nào.</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Time limit per check</source>
        <translation>Giới hạn thời gian mỗi mục</translation>
    </message>
    <message>
        <source>Res&amp;ults</source>
        <translation>Kết q&amp;uả</translation>
    </message>
    <message>
        <source>&amp;Connections</source>
        <translation>Kết &amp;nối</translation>
    </message>
    <message>
        <source>Nothing audited yet. The audit reads from the lab and changes nothing.</source>
        <translation>Chưa kiểm tra gì. Việc kiểm tra chỉ đọc từ lab và không thay đổi gì.</translation>
    </message>
    <message>
        <source>Enter the NetScaler user, or leave NetScaler out.</source>
        <translation>Hãy nhập người dùng NetScaler, hoặc bỏ chọn NetScaler.</translation>
    </message>
    <message>
        <source>Enter the NetScaler password, or leave NetScaler out.</source>
        <translation>Hãy nhập mật khẩu NetScaler, hoặc bỏ chọn NetScaler.</translation>
    </message>
    <message>
        <source>Enter the vCenter password, or leave vCenter, VCHA and vDS out.</source>
        <translation>Hãy nhập mật khẩu vCenter, hoặc bỏ chọn vCenter, VCHA và vDS.</translation>
    </message>
    <message>
        <source>Enter the SSH user of the PSCs, or leave PSC and TCP out.</source>
        <translation>Hãy nhập người dùng SSH của các PSC, hoặc bỏ chọn PSC và TCP.</translation>
    </message>
    <message>
        <source>Enter the password of %1 on the PSCs or a key file, or leave PSC and TCP out.</source>
        <translation>Hãy nhập mật khẩu của %1 trên các PSC hoặc một tệp khóa, hoặc bỏ chọn PSC và TCP.</translation>
    </message>
    <message>
        <source>Choose at least one area to audit.</source>
        <translation>Hãy chọn ít nhất một phần để kiểm tra.</translation>
    </message>
    <message>
        <source>Re-run the audit of %1</source>
        <translation>Kiểm tra lại %1</translation>
    </message>
    <message>
        <source>As-built audit of %1</source>
        <translation>Kiểm tra hiện trạng %1</translation>
    </message>
    <message>
        <source>Auditing %1 ...</source>
        <translation>Đang kiểm tra %1 ...</translation>
    </message>
    <message>
        <source>The project folder cannot be made.</source>
        <translation>Không tạo được thư mục dự án.</translation>
    </message>
    <message>
        <source>%1 ok, %2 drift, %3 unreachable, %4 skipped.</source>
        <translation>%1 đạt, %2 lệch, %3 không liên lạc được, %4 bỏ qua.</translation>
    </message>
    <message>
        <source>Kept in %1 for the runbook&apos;s As built chapter.</source>
        <translation>Đã lưu vào %1 cho chương Hiện trạng sau khi dựng của sổ tay.</translation>
    </message>
    <message>
        <source>The results were not kept for the runbook: %1</source>
        <translation>Kết quả chưa được lưu cho sổ tay: %1</translation>
    </message>
    <message>
        <source>Select a check to see it in full.</source>
        <translation>Hãy chọn một mục kiểm tra để xem đầy đủ.</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <source>Expected: %1</source>
        <translation>Mong đợi: %1</translation>
    </message>
    <message>
        <source>Found: %1</source>
        <translation>Tìm thấy: %1</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>Cách sửa: %1</translation>
    </message>
    <message>
        <source>The step that fixes it: %1</source>
        <translation>Bước sửa lỗi này: %1</translation>
    </message>
    <message>
        <source>Goes to %1.</source>
        <translation>Chuyển đến %1.</translation>
    </message>
    <message>
        <source>The step %1 cannot be shown now.</source>
        <translation>Lúc này không hiển thị được bước %1.</translation>
    </message>
    <message>
        <source>Time limit</source>
        <translation>Giới hạn thời gian</translation>
    </message>
    <message>
        <source>%1 The lab matches the plan as far as it was checked. %2</source>
        <translation>%1 Lab khớp với kế hoạch trong phạm vi đã kiểm tra. %2</translation>
    </message>
    <message>
        <source>The last audit&apos;s results in %1 cannot be shown: %2</source>
        <translation>Không thể hiển thị kết quả của lần kiểm tra gần nhất trong %1: %2</translation>
    </message>
    <message>
        <source>%1 on %2</source>
        <translation>%1 lúc %2</translation>
    </message>
    <message>
        <source>%1 at a time not recorded</source>
        <translation>%1 vào thời điểm không được ghi lại</translation>
    </message>
    <message>
        <source>The last audit, kept in %1: %2. %3 Run the audit to check the lab now.</source>
        <translation>Lần kiểm tra gần nhất, lưu trong %1: %2. %3 Hãy chạy kiểm tra để xem lab lúc này.</translation>
    </message>
    <message>
        <source>Audited on %1.</source>
        <translation>Đã kiểm tra lúc %1.</translation>
    </message>
</context>
<context>
    <name>vlab::BuildLabPage</name>
    <message>
        <source>Pre-checks</source>
        <translation>Kiểm tra trước</translation>
    </message>
    <message>
        <source>PSC 1</source>
        <translation>PSC 1</translation>
    </message>
    <message>
        <source>PSC 2</source>
        <translation>PSC 2</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Chứng chỉ</translation>
    </message>
    <message>
        <source>Apply certificate</source>
        <translation>Áp dụng chứng chỉ</translation>
    </message>
    <message>
        <source>Load-balanced name</source>
        <translation>Tên cân bằng tải</translation>
    </message>
    <message>
        <source>NetScaler</source>
        <translation>NetScaler</translation>
    </message>
    <message>
        <source>vCenter</source>
        <translation>vCenter</translation>
    </message>
    <message>
        <source>VCHA</source>
        <translation>VCHA</translation>
    </message>
    <message>
        <source>Distributed Switch</source>
        <translation>Distributed Switch</translation>
    </message>
    <message>
        <source>Audit</source>
        <translation>Kiểm tra hiện trạng</translation>
    </message>
    <message>
        <source>Runbook</source>
        <translation>Sổ tay vận hành</translation>
    </message>
    <message>
        <source>Build the lab</source>
        <translation>Dựng lab</translation>
    </message>
    <message>
        <source>B&amp;uild the lab</source>
        <translation>&amp;Dựng lab</translation>
    </message>
    <message>
        <source>Every live step in one run, in the lab&apos;s order, with what does not depend on each other at the same time. What already holds in the lab is skipped; you approve the changes once. Or go step by step on the pages that follow.</source>
        <translation>Mọi bước thực tế trong một lần chạy, theo thứ tự của lab; những gì không phụ thuộc nhau chạy cùng lúc. Những gì đã có sẵn trong lab được bỏ qua; bạn phê duyệt các thay đổi một lần. Hoặc làm từng bước ở các trang tiếp theo.</translation>
    </message>
    <message>
        <source>root.cer of PSC 1&apos;s VMCA</source>
        <translation>root.cer của VMCA trên PSC 1</translation>
    </message>
    <message>
        <source>privatekey.pem of PSC 1&apos;s VMCA</source>
        <translation>privatekey.pem của VMCA trên PSC 1</translation>
    </message>
    <message>
        <source>Certificate (signed by the VMCA root)</source>
        <translation>Chứng chỉ (ký bởi gốc VMCA)</translation>
    </message>
    <message>
        <source>Root certificate</source>
        <translation>Chứng chỉ gốc</translation>
    </message>
    <message>
        <source>Root key</source>
        <translation>Khóa gốc</translation>
    </message>
    <message>
        <source>Its certificate must have been confirmed on the Load balancer page.</source>
        <translation>Chứng chỉ của nó phải đã được xác nhận ở trang Cân bằng tải.</translation>
    </message>
    <message>
        <source>vCenter (VCHA, switch, audit)</source>
        <translation>vCenter (VCHA, switch, kiểm tra)</translation>
    </message>
    <message>
        <source>empty: the appliance root password</source>
        <translation>để trống: mật khẩu root của appliance</translation>
    </message>
    <message>
        <source>PSCs over SSH</source>
        <translation>Các PSC qua SSH</translation>
    </message>
    <message>
        <source>The PSCs&apos; host keys must be recorded in the project (Apply certificates or Diagnostics do that after you compared them); the run records none.</source>
        <translation>Khóa máy chủ của các PSC phải được ghi trong dự án (Áp dụng chứng chỉ hoặc Chẩn đoán ghi chúng sau khi bạn đã so sánh); lần chạy này không ghi khóa nào.</translation>
    </message>
    <message>
        <source>S&amp;teps</source>
        <translation>&amp;Bước</translation>
    </message>
    <message>
        <source>&amp;Appliances</source>
        <translation>&amp;Appliance</translation>
    </message>
    <message>
        <source>C&amp;onnections</source>
        <translation>&amp;Kết nối</translation>
    </message>
    <message>
        <source>Nothing runs until you press Build the lab and approve the changes.</source>
        <translation>Không gì chạy cho đến khi bạn bấm Dựng lab và phê duyệt các thay đổi.</translation>
    </message>
    <message>
        <source>Tick at least one step.</source>
        <translation>Hãy chọn ít nhất một bước.</translation>
    </message>
    <message>
        <source>Save the plan first (File &gt; Save): the run keeps its journal, certificates and runbook next to it.</source>
        <translation>Hãy lưu kế hoạch trước (Tệp &gt; Lưu): lần chạy giữ nhật ký, chứng chỉ và sổ tay vận hành bên cạnh nó.</translation>
    </message>
    <message>
        <source>Enter the VMCA root certificate of PSC 1 (root.cer), or leave Certificate out.</source>
        <translation>Hãy nhập chứng chỉ gốc VMCA của PSC 1 (root.cer), hoặc bỏ chọn Chứng chỉ.</translation>
    </message>
    <message>
        <source>Enter the VMCA root key of PSC 1 (privatekey.pem), or leave Certificate out.</source>
        <translation>Hãy nhập khóa gốc VMCA của PSC 1 (privatekey.pem), hoặc bỏ chọn Chứng chỉ.</translation>
    </message>
    <message>
        <source>Enter the NetScaler user.</source>
        <translation>Hãy nhập người dùng NetScaler.</translation>
    </message>
    <message>
        <source>Enter the NetScaler password.</source>
        <translation>Hãy nhập mật khẩu NetScaler.</translation>
    </message>
    <message>
        <source>Enter the vCenter password.</source>
        <translation>Hãy nhập mật khẩu vCenter.</translation>
    </message>
    <message>
        <source>Enter the SSH user of the PSCs.</source>
        <translation>Hãy nhập người dùng SSH của các PSC.</translation>
    </message>
    <message>
        <source>Enter the password of %1 on the PSCs or a key file.</source>
        <translation>Hãy nhập mật khẩu của %1 trên các PSC hoặc một tệp khóa.</translation>
    </message>
    <message>
        <source>Applying the certificate needs the SSO administrator password.</source>
        <translation>Áp dụng chứng chỉ cần mật khẩu quản trị viên SSO.</translation>
    </message>
    <message>
        <source>Looking at what already holds in the lab ...</source>
        <translation>Đang xem những gì đã có sẵn trong lab ...</translation>
    </message>
    <message>
        <source>Not started: work is still going on in the lab: %1</source>
        <translation>Chưa bắt đầu: công việc vẫn đang diễn ra trong lab: %1</translation>
    </message>
    <message>
        <source>Building the lab: the run panel shows each job, the time so far and the time left.</source>
        <translation>Đang dựng lab: bảng chạy hiển thị từng tác vụ, thời gian đã qua và thời gian còn lại.</translation>
    </message>
    <message numerus="yes">
        <source>Building the lab; %n change(s) already held and are skipped.</source>
        <translation>
            <numerusform>Đang dựng lab; %n thay đổi đã có sẵn và được bỏ qua.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 job(s) done, %2 skipped (already done or not reached), of %3.</source>
        <translation>%1 tác vụ xong, %2 bỏ qua (đã làm hoặc chưa tới), trên tổng %3.</translation>
    </message>
    <message>
        <source>Audit: %1 ok, %2 drift, %3 unreachable, %4 skipped.</source>
        <translation>Kiểm tra: %1 ổn, %2 lệch, %3 không liên lạc được, %4 bỏ qua.</translation>
    </message>
    <message>
        <source>Waiting for your approval of the changes ...</source>
        <translation>Đang chờ bạn phê duyệt các thay đổi ...</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) already held and are skipped; waiting for your approval of the rest ...</source>
        <translation>
            <numerusform>%n thay đổi đã có sẵn và được bỏ qua; đang chờ bạn phê duyệt phần còn lại ...</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>vlab::CertificatesPage</name>
    <message>
        <source>VMCA: the PSC&apos;s own certificate authority signs (walk-through option 1)</source>
        <translation>VMCA: cơ quan cấp chứng chỉ của chính PSC ký (cách 1 trong hướng dẫn)</translation>
    </message>
    <message>
        <source>External CA: your certificate authority signs (option 2)</source>
        <translation>CA bên ngoài: cơ quan cấp chứng chỉ của bạn ký (cách 2)</translation>
    </message>
    <message>
        <source>Generate key and CSR</source>
        <translation>Tạo khóa và CSR</translation>
    </message>
    <message>
        <source>2. Sign with the VMCA root</source>
        <translation>2. Ký bằng CA gốc VMCA</translation>
    </message>
    <message>
        <source>Sign and verify</source>
        <translation>Ký và kiểm tra</translation>
    </message>
    <message>
        <source>2. Send the CSR to your CA, then add what it returns</source>
        <translation>2. Gửi CSR cho CA của bạn, rồi thêm các tệp CA trả về</translation>
    </message>
    <message>
        <source>Build chain files and verify</source>
        <translation>Tạo tệp chuỗi chứng chỉ và kiểm tra</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>Chứng chỉ</translation>
    </message>
    <message>
        <source>One machine certificate for both PSCs and the load-balancer name, proven before anything touches a PSC.</source>
        <translation>Một chứng chỉ máy cho cả hai PSC và tên của bộ cân bằng tải, được kiểm chứng trước khi động đến bất kỳ PSC nào.</translation>
    </message>
    <message>
        <source>1. Key and certificate request (psc_ha_csr_cfg.cfg)</source>
        <translation>1. Khóa và yêu cầu cấp chứng chỉ (psc_ha_csr_cfg.cfg)</translation>
    </message>
    <message>
        <source>VMCA root certificate (root.cer):</source>
        <translation>Chứng chỉ gốc VMCA (root.cer):</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Duyệt...</translation>
    </message>
    <message>
        <source>VMCA root key (privatekey.pem):</source>
        <translation>Khóa gốc VMCA (privatekey.pem):</translation>
    </message>
    <message>
        <source>Copy both from a PSC: /var/lib/vmware/vmca/root.cer and /var/lib/vmware/vmca/privatekey.pem.</source>
        <translation>Chép cả hai tệp từ một PSC: /var/lib/vmware/vmca/root.cer và /var/lib/vmware/vmca/privatekey.pem.</translation>
    </message>
    <message>
        <source>Copy CSR</source>
        <translation>Chép CSR</translation>
    </message>
    <message>
        <source>Drop the signed certificate and the CA&apos;s intermediate and root certificates here, in any order (PEM, DER or PKCS#7):</source>
        <translation>Thả vào đây chứng chỉ đã ký cùng các chứng chỉ trung gian và chứng chỉ gốc của CA, theo thứ tự bất kỳ (PEM, DER hoặc PKCS#7):</translation>
    </message>
    <message>
        <source>Add files...</source>
        <translation>Thêm tệp...</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Gỡ bỏ</translation>
    </message>
    <message>
        <source>3. Verification</source>
        <translation>3. Kiểm tra</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Mục kiểm tra</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Verify the files again</source>
        <translation>Kiểm tra lại các tệp</translation>
    </message>
    <message>
        <source>VMCA root certificate</source>
        <translation>Chứng chỉ gốc VMCA</translation>
    </message>
    <message>
        <source>Certificates (*.cer *.crt *.pem);;All files (*)</source>
        <translation>Chứng chỉ (*.cer *.crt *.pem);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>VMCA root key</source>
        <translation>Khóa gốc VMCA</translation>
    </message>
    <message>
        <source>Keys (*.pem *.key);;All files (*)</source>
        <translation>Khóa (*.pem *.key);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Certificates from your CA</source>
        <translation>Chứng chỉ từ CA của bạn</translation>
    </message>
    <message>
        <source>Certificates (*.cer *.crt *.pem *.der *.p7b);;All files (*)</source>
        <translation>Chứng chỉ (*.cer *.crt *.pem *.der *.p7b);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>The plan cannot make a request yet: %1</source>
        <translation>Kế hoạch chưa tạo được yêu cầu cấp chứng chỉ: %1</translation>
    </message>
    <message>
        <source>Files are written to %1</source>
        <translation>Các tệp được ghi vào %1</translation>
    </message>
    <message>
        <source>Generate the key and CSR first (step 1).</source>
        <translation>Hãy tạo khóa và CSR trước (bước 1).</translation>
    </message>
    <message>
        <source>Other work is still running; wait for it or cancel it.</source>
        <translation>Một công việc khác vẫn đang chạy; hãy chờ nó xong hoặc hủy nó.</translation>
    </message>
    <message>
        <source>Replace the key?</source>
        <translation>Thay khóa?</translation>
    </message>
    <message>
        <source>%1 already holds a private key. Make a new key and request, keeping the old key as a dated backup?</source>
        <translation>%1 đã có một khóa riêng. Tạo khóa và yêu cầu mới, giữ khóa cũ làm bản sao lưu có ghi ngày?</translation>
    </message>
    <message>
        <source>Choose the VMCA root certificate and key first.</source>
        <translation>Hãy chọn chứng chỉ gốc và khóa gốc VMCA trước.</translation>
    </message>
    <message>
        <source>Sign with the VMCA root</source>
        <translation>Ký bằng CA gốc VMCA</translation>
    </message>
    <message>
        <source>Add the files your CA returned first.</source>
        <translation>Hãy thêm các tệp mà CA của bạn trả về trước.</translation>
    </message>
    <message>
        <source>Build the chain files</source>
        <translation>Tạo các tệp chuỗi chứng chỉ</translation>
    </message>
    <message>
        <source>Verify the certificate files</source>
        <translation>Kiểm tra các tệp chứng chỉ</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>Cách sửa: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Ready:&lt;/b&gt; the files can be applied to both PSCs with certificate-manager.</source>
        <translation>&lt;b&gt;Sẵn sàng:&lt;/b&gt; có thể áp dụng các tệp cho cả hai PSC bằng certificate-manager.</translation>
    </message>
    <message numerus="yes">
        <source>&lt;span style=&quot;color:#b00020&quot;&gt;&lt;b&gt;Not ready:&lt;/b&gt; %n check(s) failed. Nothing will be applied to a PSC until they pass.&lt;/span&gt;</source>
        <translation>
            <numerusform>&lt;span style=&quot;color:#b00020&quot;&gt;&lt;b&gt;Chưa sẵn sàng:&lt;/b&gt; %n mục kiểm tra thất bại. Sẽ không có gì được áp dụng cho PSC cho đến khi tất cả đều đạt.&lt;/span&gt;</numerusform>
        </translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Chủ thể</translation>
    </message>
    <message>
        <source>Common name (CN)</source>
        <translation>Tên chung (CN)</translation>
    </message>
    <message>
        <source>the load-balancer name</source>
        <translation>tên bộ cân bằng tải</translation>
    </message>
    <message>
        <source>Subject alternative names</source>
        <translation>Tên thay thế (SAN)</translation>
    </message>
    <message>
        <source>every PSC name and the load-balancer name</source>
        <translation>tên của mọi PSC và tên bộ cân bằng tải</translation>
    </message>
    <message>
        <source>Country (C)</source>
        <translation>Quốc gia (C)</translation>
    </message>
    <message>
        <source>State (ST)</source>
        <translation>Tỉnh/bang (ST)</translation>
    </message>
    <message>
        <source>Organisation and key</source>
        <translation>Tổ chức và khóa</translation>
    </message>
    <message>
        <source>Locality (L)</source>
        <translation>Thành phố (L)</translation>
    </message>
    <message>
        <source>Organization (O)</source>
        <translation>Tổ chức (O)</translation>
    </message>
    <message>
        <source>Organizational unit (OU)</source>
        <translation>Đơn vị (OU)</translation>
    </message>
    <message>
        <source>RSA key size</source>
        <translation>Độ dài khóa RSA</translation>
    </message>
    <message>
        <source>Valid for</source>
        <translation>Hiệu lực trong</translation>
    </message>
    <message>
        <source> days</source>
        <translation> ngày</translation>
    </message>
</context>
<context>
    <name>vlab::DiagnosticsPage</name>
    <message>
        <source>off</source>
        <translation>tắt</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>What it means</source>
        <translation>Ý nghĩa</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Duyệt...</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Chạy</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>Kết nối</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Cổng</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Tổng</translation>
    </message>
    <message>
        <source>States</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Peer</source>
        <translation>Đầu kia</translation>
    </message>
    <message>
        <source>Diagnostics</source>
        <translation>Chẩn đoán</translation>
    </message>
    <message>
        <source>When PSC connections misbehave, look at the TCP states first: CLOSE_WAIT, FIN_WAIT_2 or TIME_WAIT piling up on the PSC ports tell who does not close.</source>
        <translation>Khi kết nối tới PSC hoạt động bất thường, hãy xem các trạng thái TCP trước tiên: CLOSE_WAIT, FIN_WAIT_2 hoặc TIME_WAIT dồn ứ trên các cổng của PSC cho biết phía nào không đóng kết nối.</translation>
    </message>
    <message>
        <source>This machine</source>
        <translation>Máy này</translation>
    </message>
    <message>
        <source>A saved capture file</source>
        <translation>Một tệp bản ghi đã lưu</translation>
    </message>
    <message>
        <source>A PSC over SSH</source>
        <translation>Một PSC qua SSH</translation>
    </message>
    <message>
        <source>ss -tan, netstat -ant or /proc/net/tcp output</source>
        <translation>Kết quả của ss -tan, netstat -ant hoặc /proc/net/tcp</translation>
    </message>
    <message>
        <source>root@psc.example.com[:22]</source>
        <translation>root@psc.example.com[:22]</translation>
    </message>
    <message>
        <source>Service ports separated by commas, or &quot;all&quot;.</source>
        <translation>Các cổng dịch vụ, cách nhau bằng dấu phẩy, hoặc &quot;all&quot;.</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Nguồn</translation>
    </message>
    <message>
        <source>Capture file</source>
        <translation>Tệp bản ghi</translation>
    </message>
    <message>
        <source>SSH to</source>
        <translation>SSH tới</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>Cổng</translation>
    </message>
    <message>
        <source>Pile-up at (per port)</source>
        <translation>Ngưỡng dồn ứ (mỗi cổng)</translation>
    </message>
    <message>
        <source>Collect</source>
        <translation>Thu thập</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Phát hiện</translation>
    </message>
    <message>
        <source>Per port</source>
        <translation>Theo cổng</translation>
    </message>
    <message>
        <source>Per peer</source>
        <translation>Theo đầu kia</translation>
    </message>
    <message>
        <source>What the states mean</source>
        <translation>Ý nghĩa các trạng thái</translation>
    </message>
    <message>
        <source>TCP capture</source>
        <translation>Bản ghi TCP</translation>
    </message>
    <message>
        <source>The ports must be TCP ports (1 to 65535) separated by commas, or &quot;all&quot;.</source>
        <translation>Các cổng phải là cổng TCP (1 đến 65535), cách nhau bằng dấu phẩy, hoặc &quot;all&quot;.</translation>
    </message>
    <message>
        <source>Choose the capture file first.</source>
        <translation>Hãy chọn tệp bản ghi trước.</translation>
    </message>
    <message>
        <source>Enter the PSC as USER@HOST or USER@HOST:PORT.</source>
        <translation>Hãy nhập PSC dưới dạng USER@HOST hoặc USER@HOST:PORT.</translation>
    </message>
    <message>
        <source>TCP connection states of %1</source>
        <translation>Trạng thái kết nối TCP của %1</translation>
    </message>
    <message>
        <source>Other work is still running; wait for it or cancel it.</source>
        <translation>Một công việc khác vẫn đang chạy; hãy chờ nó xong hoặc hủy nó.</translation>
    </message>
    <message>
        <source>Collecting ...</source>
        <translation>Đang thu thập ...</translation>
    </message>
    <message numerus="yes">
        <source>%n pile-up(s) found; see the findings.</source>
        <translation>
            <numerusform>Tìm thấy %n trường hợp dồn ứ; xem phần Phát hiện.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n connection(s) counted; no pile-up over the thresholds.</source>
        <translation>
            <numerusform>Đã đếm %n kết nối; không có dồn ứ nào vượt ngưỡng.</numerusform>
        </translation>
    </message>
    <message>
        <source>Advice: %1</source>
        <translation>Lời khuyên: %1</translation>
    </message>
    <message numerus="yes">
        <source>No pile-up over the thresholds (%n connection(s) looked at).</source>
        <translation>
            <numerusform>Không có dồn ứ nào vượt ngưỡng (đã xem xét %n kết nối).</numerusform>
        </translation>
    </message>
    <message>
        <source>Enter the password of %1 first.</source>
        <translation>Hãy nhập mật khẩu của %1 trước.</translation>
    </message>
</context>
<context>
    <name>vlab::DistributedSwitchPage</name>
    <message>
        <source>Distributed Switch</source>
        <translation>Distributed Switch</translation>
    </message>
    <message>
        <source>Test login</source>
        <translation>Thử đăng nhập</translation>
    </message>
    <message>
        <source>Create the switch in vCenter</source>
        <translation>Tạo switch trong vCenter</translation>
    </message>
    <message>
        <source>The switch with its MTU, uplinks and one port group per VLAN: as scripts for govc or PowerCLI, or created in vCenter over the vSphere API (existing ones are reported, not duplicated).</source>
        <translation>Switch cùng MTU, các uplink và mỗi VLAN một nhóm cổng: dưới dạng script cho govc hoặc PowerCLI, hoặc được tạo trong vCenter qua vSphere API (những gì đã có sẽ được báo lại, không tạo trùng).</translation>
    </message>
    <message>
        <source>empty: the only datacenter there is</source>
        <translation>để trống: dùng datacenter duy nhất hiện có</translation>
    </message>
    <message>
        <source>Port group</source>
        <translation>Nhóm cổng</translation>
    </message>
    <message>
        <source>VLAN</source>
        <translation>VLAN</translation>
    </message>
    <message>
        <source>govc</source>
        <translation>govc</translation>
    </message>
    <message>
        <source>PowerCLI</source>
        <translation>PowerCLI</translation>
    </message>
    <message>
        <source>Copy script</source>
        <translation>Chép script</translation>
    </message>
    <message>
        <source>Datacenter</source>
        <translation>Datacenter</translation>
    </message>
    <message>
        <source>Test the vCenter login</source>
        <translation>Thử đăng nhập vCenter</translation>
    </message>
    <message>
        <source>The plan has no switch name (vds.name).</source>
        <translation>Kế hoạch chưa có tên switch (vds.name).</translation>
    </message>
    <message>
        <source>Create the Distributed Switch</source>
        <translation>Tạo Distributed Switch</translation>
    </message>
    <message>
        <source>%1: version %2, MTU %3, %4 uplinks, %5 port group(s)</source>
        <translation>%1: phiên bản %2, MTU %3, %4 uplink, %5 nhóm cổng</translation>
    </message>
    <message>
        <source>%1; port groups created: %2; already there: %3.</source>
        <translation>%1; nhóm cổng đã tạo: %2; đã có sẵn: %3.</translation>
    </message>
    <message>
        <source>The switch already existed</source>
        <translation>Switch đã tồn tại từ trước</translation>
    </message>
    <message>
        <source>Switch created</source>
        <translation>Đã tạo switch</translation>
    </message>
    <message>
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message>
        <source>Logged in: %1.</source>
        <translation>Đã đăng nhập: %1.</translation>
    </message>
    <message>
        <source>Type to change a name or VLAN (0: no tag).</source>
        <translation>Gõ để đổi tên hoặc VLAN (0: không gắn thẻ).</translation>
    </message>
    <message>
        <source>Switch</source>
        <translation>Switch</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Phiên bản</translation>
    </message>
    <message>
        <source>MTU</source>
        <translation>MTU</translation>
    </message>
    <message>
        <source> bytes</source>
        <translation> byte</translation>
    </message>
    <message>
        <source>Uplinks per host</source>
        <translation>Số uplink mỗi host</translation>
    </message>
    <message>
        <source>Add port group</source>
        <translation>Thêm nhóm cổng</translation>
    </message>
    <message>
        <source>Remove port group</source>
        <translation>Xóa nhóm cổng</translation>
    </message>
    <message>
        <source>A lab plan holds at most %1 port groups.</source>
        <translation>Một kế hoạch lab chứa tối đa %1 port group.</translation>
    </message>
</context>
<context>
    <name>vlab::FindingLabel</name>
    <message>
        <source>Error</source>
        <translation>Lỗi</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Cảnh báo</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Ghi chú</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>Cách sửa: %1</translation>
    </message>
    <message>
        <source>Apply the fix</source>
        <translation>Áp dụng cách sửa</translation>
    </message>
</context>
<context>
    <name>vlab::LabPlanPage</name>
    <message>
        <source>Lab plan</source>
        <translation>Kế hoạch lab</translation>
    </message>
    <message>
        <source>Describe the lab once; every later step is generated from it. Problems show under the field they concern.</source>
        <translation>Mô tả lab một lần; mọi bước sau đều được tạo ra từ đó. Vấn đề hiện ngay dưới trường liên quan.</translation>
    </message>
    <message>
        <source>Lab and name services</source>
        <translation>Lab và dịch vụ tên</translation>
    </message>
    <message>
        <source>Lab name</source>
        <translation>Tên lab</translation>
    </message>
    <message>
        <source>DNS domain</source>
        <translation>Tên miền DNS</translation>
    </message>
    <message>
        <source>DNS servers</source>
        <translation>Máy chủ DNS</translation>
    </message>
    <message>
        <source>NTP servers</source>
        <translation>Máy chủ NTP</translation>
    </message>
    <message>
        <source>Management network</source>
        <translation>Mạng quản trị</translation>
    </message>
    <message>
        <source>Network (CIDR)</source>
        <translation>Mạng (CIDR)</translation>
    </message>
    <message>
        <source>Gateway</source>
        <translation>Gateway</translation>
    </message>
    <message>
        <source>Port group</source>
        <translation>Nhóm cổng</translation>
    </message>
    <message>
        <source>Deployment target</source>
        <translation>Nơi triển khai</translation>
    </message>
    <message>
        <source>Deploy on</source>
        <translation>Triển khai trên</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Người dùng</translation>
    </message>
    <message>
        <source>Datastore</source>
        <translation>Datastore</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Mạng</translation>
    </message>
    <message>
        <source>Single sign-on</source>
        <translation>Đăng nhập một lần (SSO)</translation>
    </message>
    <message>
        <source>SSO domain</source>
        <translation>Miền SSO</translation>
    </message>
    <message>
        <source>SSO site</source>
        <translation>Site SSO</translation>
    </message>
    <message>
        <source>Platform Services Controllers</source>
        <translation>Platform Services Controller (PSC)</translation>
    </message>
    <message>
        <source>Add PSC</source>
        <translation>Thêm PSC</translation>
    </message>
    <message>
        <source>Load balancer (NetScaler)</source>
        <translation>Bộ cân bằng tải (NetScaler)</translation>
    </message>
    <message>
        <source>Load-balancer name</source>
        <translation>Tên bộ cân bằng tải</translation>
    </message>
    <message>
        <source>Virtual IP (VIP)</source>
        <translation>IP ảo (VIP)</translation>
    </message>
    <message>
        <source>Management IP (NSIP)</source>
        <translation>IP quản trị (NSIP)</translation>
    </message>
    <message>
        <source>Subnet IP (SNIP)</source>
        <translation>IP mạng con (SNIP)</translation>
    </message>
    <message>
        <source>vCenter Server</source>
        <translation>vCenter Server</translation>
    </message>
    <message>
        <source>Appliance name</source>
        <translation>Tên appliance</translation>
    </message>
    <message>
        <source>FQDN</source>
        <translation>FQDN</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>Địa chỉ IP</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Kích cỡ</translation>
    </message>
    <message>
        <source>Topology</source>
        <translation>Sơ đồ mạng</translation>
    </message>
    <message>
        <source>Save as PNG and SVG in the project</source>
        <translation>Lưu dạng PNG và SVG vào dự án</translation>
    </message>
    <message>
        <source>Save the topology picture</source>
        <translation>Lưu hình sơ đồ mạng</translation>
    </message>
    <message>
        <source>VM name</source>
        <translation>Tên máy ảo</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Gỡ bỏ</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 error(s)&lt;/b&gt; and %2 warning(s): fix the errors to continue.</source>
        <translation>&lt;b&gt;%1 lỗi&lt;/b&gt; và %2 cảnh báo: hãy sửa các lỗi để tiếp tục.</translation>
    </message>
    <message>
        <source>No errors, %1 warning(s): the plan is ready for the next steps.</source>
        <translation>Không có lỗi, %1 cảnh báo: kế hoạch đã sẵn sàng cho các bước tiếp theo.</translation>
    </message>
    <message>
        <source>Lab and network</source>
        <translation>Lab và mạng</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>Các nút</translation>
    </message>
    <message>
        <source>Where the appliances are deployed</source>
        <translation>Nơi triển khai các appliance</translation>
    </message>
    <message>
        <source>%1 (1 error)</source>
        <translation>%1 (1 lỗi)</translation>
    </message>
    <message>
        <source>%1 (%2 errors)</source>
        <translation>%1 (%2 lỗi)</translation>
    </message>
    <message>
        <source>%1 (1 warning)</source>
        <translation>%1 (1 cảnh báo)</translation>
    </message>
    <message>
        <source>%1 (%2 warnings)</source>
        <translation>%1 (%2 cảnh báo)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 error(s)&lt;/b&gt; and %2 warning(s), in %3: fix the errors to continue.</source>
        <translation>&lt;b&gt;%1 lỗi&lt;/b&gt; và %2 cảnh báo, ở %3: hãy sửa các lỗi để tiếp tục.</translation>
    </message>
    <message>
        <source>Datacenter (on vCenter)</source>
        <translation>Datacenter (trên vCenter)</translation>
    </message>
    <message>
        <source>Cluster (on vCenter)</source>
        <translation>Cluster (trên vCenter)</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 error(s)&lt;/b&gt; and %2 warning(s), in %3 and under the sections: fix the errors to continue.</source>
        <translation>&lt;b&gt;%1 lỗi&lt;/b&gt; và %2 cảnh báo, ở %3 và bên dưới các mục: hãy sửa các lỗi để tiếp tục.</translation>
    </message>
    <message>
        <source>A lab plan holds at most %1 PSCs.</source>
        <translation>Một kế hoạch lab chứa tối đa %1 PSC.</translation>
    </message>
    <message>
        <source>The built-in example, not saved yet: make it your lab and save it (File &gt; Save).</source>
        <translation>Lab mẫu có sẵn, chưa lưu: sửa thành lab của bạn rồi lưu lại (Tệp &gt; Lưu).</translation>
    </message>
</context>
<context>
    <name>vlab::MainWindow</name>
    <message>
        <source>&amp;File</source>
        <translation>Tệ&amp;p</translation>
    </message>
    <message>
        <source>&amp;Open...</source>
        <translation>&amp;Mở...</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Lưu</translation>
    </message>
    <message>
        <source>Save &amp;As...</source>
        <translation>Lưu &amp;thành...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>T&amp;hoát</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Trợ &amp;giúp</translation>
    </message>
    <message>
        <source>&amp;About vLab Wizard</source>
        <translation>Giới thiệu &amp;vLab Wizard</translation>
    </message>
    <message>
        <source>About vLab Wizard</source>
        <translation>Giới thiệu vLab Wizard</translation>
    </message>
    <message>
        <source>Open lab plan</source>
        <translation>Mở kế hoạch lab</translation>
    </message>
    <message>
        <source>Lab plans (*.vlab.json);;JSON files (*.json);;All files (*)</source>
        <translation>Kế hoạch lab (*.vlab.json);;Tệp JSON (*.json);;Mọi tệp (*)</translation>
    </message>
    <message>
        <source>Cannot open the plan</source>
        <translation>Không mở được kế hoạch</translation>
    </message>
    <message>
        <source>Cannot save the plan</source>
        <translation>Không lưu được kế hoạch</translation>
    </message>
    <message>
        <source>Save lab plan</source>
        <translation>Lưu kế hoạch lab</translation>
    </message>
    <message>
        <source>Lab plans (*.vlab.json)</source>
        <translation>Kế hoạch lab (*.vlab.json)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Thay đổi chưa lưu</translation>
    </message>
    <message>
        <source>The plan %1 has unsaved changes. Save them first?</source>
        <translation>Kế hoạch %1 có thay đổi chưa lưu. Lưu lại trước không?</translation>
    </message>
    <message>
        <source>Restore unsaved changes?</source>
        <translation>Khôi phục thay đổi chưa lưu?</translation>
    </message>
    <message>
        <source>vLab Wizard did not close cleanly last time. Restore the unsaved changes of the plan you were editing?</source>
        <translation>Lần trước vLab Wizard không đóng đúng cách. Khôi phục các thay đổi chưa lưu của kế hoạch bạn đang sửa?</translation>
    </message>
    <message>
        <source>Cannot restore</source>
        <translation>Không khôi phục được</translation>
    </message>
    <message>
        <source>%1[*] - vLab Wizard</source>
        <translation>%1[*] - vLab Wizard</translation>
    </message>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Không tạo được thư mục %1.</translation>
    </message>
    <message>
        <source>Cannot write %1.</source>
        <translation>Không ghi được %1.</translation>
    </message>
    <message>
        <source>Page &quot;%1&quot; cannot be left.</source>
        <translation>Chưa thể rời trang &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>done</source>
        <translation>xong</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>thất bại</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>đã bỏ qua</translation>
    </message>
    <message>
        <source>current step</source>
        <translation>bước hiện tại</translation>
    </message>
    <message>
        <source>Work is running</source>
        <translation>Công việc đang chạy</translation>
    </message>
    <message>
        <source>Work is running on this plan. Wait for it to finish, or cancel it, before you open another plan.</source>
        <translation>Đang có công việc chạy trên kế hoạch này. Hãy chờ nó xong hoặc hủy nó trước khi mở kế hoạch khác.</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Xuất</translation>
    </message>
    <message>
        <source>&amp;Ansible project...</source>
        <translation>Dự án &amp;Ansible...</translation>
    </message>
    <message>
        <source>Export the lab as an Ansible project</source>
        <translation>Xuất lab thành dự án Ansible</translation>
    </message>
    <message>
        <source>Cannot export the lab</source>
        <translation>Không xuất được lab</translation>
    </message>
    <message>
        <source>Write the Ansible project</source>
        <translation>Ghi dự án Ansible</translation>
    </message>
    <message>
        <source>Export the Ansible project</source>
        <translation>Xuất dự án Ansible</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>đã hủy</translation>
    </message>
    <message>
        <source>vLab Wizard user guide</source>
        <translation>Hướng dẫn sử dụng vLab Wizard</translation>
    </message>
    <message>
        <source>&lt;h3&gt;How the steps fit together&lt;/h3&gt;&lt;p&gt;The &lt;b&gt;Lab plan&lt;/b&gt; describes the lab once; every later step is made from it, in this order:&lt;/p&gt;&lt;ol&gt;%1&lt;/ol&gt;&lt;p&gt;A problem shows under the field it concerns, and Next waits until the page has no errors. The list on the left shows where you are and how each step&apos;s last run ended.&lt;/p&gt;&lt;h3&gt;Plan only or live&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Plan only&lt;/b&gt; writes the exact files and commands of a step (request configs, NetScaler batch files, installer templates, scripts) for you to check or run by hand; nothing is changed on any machine. &lt;b&gt;Live&lt;/b&gt; runs the step against the lab&apos;s machines from the run panel at the bottom, which shows progress, asks before anything is changed and can cancel the run.&lt;/p&gt;&lt;h3&gt;Where files go&lt;/h3&gt;&lt;p&gt;Everything of one lab goes into its &lt;b&gt;project folder&lt;/b&gt;, the folder of its plan (a plan not saved yet is offered Documents/vlab/&amp;lt;lab name&amp;gt;):&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;code&gt;&amp;lt;lab name&amp;gt;.vlab.json&lt;/code&gt;: the plan&lt;/li&gt;&lt;li&gt;&lt;code&gt;vlab-journal.json&lt;/code&gt;: every run, how it ended (read again on the next start)&lt;/li&gt;&lt;li&gt;&lt;code&gt;certs/&lt;/code&gt;: certificate request, key, CSR and chain&lt;/li&gt;&lt;li&gt;&lt;code&gt;netscaler/&lt;/code&gt;: the load-balancer batch files&lt;/li&gt;&lt;li&gt;&lt;code&gt;vcsa/&lt;/code&gt;: the appliance installer templates&lt;/li&gt;&lt;li&gt;&lt;code&gt;logs/&lt;/code&gt;: the installer&apos;s logs&lt;/li&gt;&lt;li&gt;&lt;code&gt;runbook.pdf&lt;/code&gt;: the runbook of the lab, with the evidence of every run&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Keyboard&lt;/h3&gt;&lt;p&gt;%2 goes to the next step, %3 back to the previous one; Alt with the underlined letter reaches any field or menu; Tab moves between fields.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Các bước nối với nhau thế nào&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Kế hoạch lab&lt;/b&gt; mô tả lab một lần; mọi bước sau đều được tạo từ đó, theo thứ tự này:&lt;/p&gt;&lt;ol&gt;%1&lt;/ol&gt;&lt;p&gt;Lỗi hiện ngay dưới trường liên quan, và nút Tiếp chờ đến khi trang không còn lỗi. Danh sách bên trái cho biết bạn đang ở đâu và lần chạy gần nhất của mỗi bước kết thúc ra sao.&lt;/p&gt;&lt;h3&gt;Chỉ lập kế hoạch hay chạy thật&lt;/h3&gt;&lt;p&gt;&lt;b&gt;Chỉ lập kế hoạch&lt;/b&gt; (Plan only) ghi ra đúng các tệp và lệnh của một bước (cấu hình yêu cầu chứng chỉ, tệp lệnh NetScaler, mẫu cài đặt, script) để bạn kiểm tra hoặc tự chạy; không máy nào bị thay đổi. &lt;b&gt;Chạy thật&lt;/b&gt; (Live) thực hiện bước đó trên các máy của lab từ bảng chạy ở dưới cùng; bảng này hiện tiến độ, hỏi trước khi thay đổi bất cứ gì và có thể hủy lần chạy.&lt;/p&gt;&lt;h3&gt;Tệp được lưu ở đâu&lt;/h3&gt;&lt;p&gt;Mọi thứ của một lab nằm trong &lt;b&gt;thư mục dự án&lt;/b&gt; của nó, tức thư mục chứa kế hoạch (kế hoạch chưa lưu được đề xuất Documents/vlab/&amp;lt;tên lab&amp;gt;):&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;code&gt;&amp;lt;tên lab&amp;gt;.vlab.json&lt;/code&gt;: kế hoạch&lt;/li&gt;&lt;li&gt;&lt;code&gt;vlab-journal.json&lt;/code&gt;: mọi lần chạy và kết quả của chúng (được đọc lại ở lần mở sau)&lt;/li&gt;&lt;li&gt;&lt;code&gt;certs/&lt;/code&gt;: yêu cầu chứng chỉ, khóa, CSR và chuỗi chứng chỉ&lt;/li&gt;&lt;li&gt;&lt;code&gt;netscaler/&lt;/code&gt;: các tệp lệnh của bộ cân bằng tải&lt;/li&gt;&lt;li&gt;&lt;code&gt;vcsa/&lt;/code&gt;: các mẫu của trình cài đặt appliance&lt;/li&gt;&lt;li&gt;&lt;code&gt;logs/&lt;/code&gt;: nhật ký của trình cài đặt&lt;/li&gt;&lt;li&gt;&lt;code&gt;runbook.pdf&lt;/code&gt;: sổ tay vận hành của lab, kèm bằng chứng của mọi lần chạy&lt;/li&gt;&lt;/ul&gt;&lt;h3&gt;Bàn phím&lt;/h3&gt;&lt;p&gt;%2 sang bước tiếp theo, %3 quay lại bước trước; Alt cùng chữ cái được gạch dưới đưa tới bất kỳ trường hay menu nào; Tab chuyển giữa các trường.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;New lab</source>
        <translation>&amp;Bắt đầu lab mới</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;Hướng dẫn sử dụng</translation>
    </message>
    <message>
        <source>%1 (example, not saved)[*] - vLab Wizard</source>
        <translation>%1 (lab mẫu, chưa lưu)[*] - vLab Wizard</translation>
    </message>
    <message>
        <source>&amp;Discard changes</source>
        <translation>&amp;Bỏ thay đổi</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>No keychain: passwords are kept in memory only and asked for again next time (%1).</source>
        <translation>Không có keychain: mật khẩu chỉ được giữ trong bộ nhớ và sẽ được hỏi lại lần sau (%1).</translation>
    </message>
    <message>
        <source>&lt;b&gt;vLab Wizard %1&lt;/b&gt;&lt;p&gt;Builds a highly available vSphere 6.7 lab: two PSCs behind a NetScaler, vCenter with VCHA, a Distributed Switch, and a runbook of every step.&lt;/p&gt;&lt;p&gt;Copyright (c) 2026 vLab Wizard developers. Free software under the MIT License: use, copy, change and share it; it comes with no warranty (the LICENSE file has the whole text).&lt;/p&gt;&lt;p&gt;Built with Qt %2 (LGPL-3.0), OpenSSL (Apache-2.0), libssh (LGPL-2.1) and QtKeychain (BSD-3-Clause).&lt;/p&gt;</source>
        <translation>&lt;b&gt;vLab Wizard %1&lt;/b&gt;&lt;p&gt;Dựng lab vSphere 6.7 có tính sẵn sàng cao: hai PSC sau một NetScaler, vCenter với VCHA, một Distributed Switch và sổ tay vận hành cho mọi bước.&lt;/p&gt;&lt;p&gt;Bản quyền (c) 2026 các nhà phát triển vLab Wizard. Phần mềm tự do theo Giấy phép MIT (MIT License): được dùng, sao chép, sửa đổi và chia sẻ; không kèm bất kỳ bảo đảm nào (toàn văn trong tệp LICENSE).&lt;/p&gt;&lt;p&gt;Xây dựng với Qt %2 (LGPL-3.0), OpenSSL (Apache-2.0), libssh (LGPL-2.1) và QtKeychain (BSD-3-Clause).&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Giới thiệu &amp;Qt</translation>
    </message>
    <message>
        <source>vLab Wizard</source>
        <translation>vLab Wizard</translation>
    </message>
</context>
<context>
    <name>vlab::NetScalerLoginBox</name>
    <message>
        <source>NSIP</source>
        <translation>NSIP</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Người dùng</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
</context>
<context>
    <name>vlab::NetscalerPage</name>
    <message>
        <source>Load balancer</source>
        <translation>Bộ cân bằng tải</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Tên</translation>
    </message>
    <message>
        <source>Address / port</source>
        <translation>Địa chỉ / cổng</translation>
    </message>
    <message>
        <source>Bound to</source>
        <translation>Gắn với</translation>
    </message>
    <message>
        <source>Batch file</source>
        <translation>Tệp batch</translation>
    </message>
    <message>
        <source>Rollback batch</source>
        <translation>Tệp batch hoàn tác</translation>
    </message>
    <message>
        <source>Copy batch</source>
        <translation>Chép tệp batch</translation>
    </message>
    <message>
        <source>Save both to the project</source>
        <translation>Lưu cả hai vào dự án</translation>
    </message>
    <message>
        <source>The plan cannot give a load-balancer configuration yet: %1</source>
        <translation>Kế hoạch chưa cho ra được cấu hình cân bằng tải: %1</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Máy chủ</translation>
    </message>
    <message>
        <source>Service (TCP)</source>
        <translation>Dịch vụ (TCP)</translation>
    </message>
    <message>
        <source>Virtual server (TCP)</source>
        <translation>Máy chủ ảo (TCP)</translation>
    </message>
    <message>
        <source>Persistency group</source>
        <translation>Nhóm duy trì phiên</translation>
    </message>
    <message>
        <source>%1, %2 min</source>
        <translation>%1, %2 phút</translation>
    </message>
    <message>
        <source>%1 servers, %2 services, %3 virtual servers, 1 persistency group.</source>
        <translation>%1 máy chủ, %2 dịch vụ, %3 máy chủ ảo, 1 nhóm duy trì phiên.</translation>
    </message>
    <message>
        <source>Write the NetScaler batch files</source>
        <translation>Ghi các tệp batch NetScaler</translation>
    </message>
    <message>
        <source>Saved psc-lb.conf and psc-lb-rollback.conf in %1.</source>
        <translation>Đã lưu psc-lb.conf và psc-lb-rollback.conf vào %1.</translation>
    </message>
    <message>
        <source>The batch files could not be saved; see the run panel.</source>
        <translation>Không lưu được các tệp batch; xem bảng thực thi.</translation>
    </message>
    <message>
        <source>Save the NetScaler batch files</source>
        <translation>Lưu các tệp batch NetScaler</translation>
    </message>
    <message>
        <source>The NetScaler objects that balance the PSC ports, as a batch file for &apos;batch -fileName&apos; and the batch that removes them again, or applied, verified and rolled back live over NITRO.</source>
        <translation>Các đối tượng NetScaler cân bằng tải cho các cổng của PSC, dưới dạng tệp batch dùng với &apos;batch -fileName&apos; cùng tệp batch gỡ chúng đi, hoặc được áp dụng, kiểm tra và hoàn tác trực tiếp qua NITRO.</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>The NSIP (management address), optionally with :PORT. NITRO is used over HTTPS only.</source>
        <translation>NSIP (địa chỉ quản trị), có thể kèm :PORT. NITRO chỉ được dùng qua HTTPS.</translation>
    </message>
    <message>
        <source>Live on the NetScaler (NITRO)</source>
        <translation>Trực tiếp trên NetScaler (NITRO)</translation>
    </message>
    <message>
        <source>NSIP</source>
        <translation>NSIP</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Người dùng</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>So sánh</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Áp dụng</translation>
    </message>
    <message>
        <source>Verify</source>
        <translation>Kiểm tra</translation>
    </message>
    <message>
        <source>Roll back</source>
        <translation>Hoàn tác</translation>
    </message>
    <message>
        <source>Creates what is missing in one request per object type, then saves the configuration. Conflicting objects are reported and left alone; on a failure everything this run created is removed again.</source>
        <translation>Tạo những gì còn thiếu, mỗi loại đối tượng một yêu cầu, rồi lưu cấu hình. Các đối tượng xung đột được báo lại và giữ nguyên; nếu có lỗi, mọi thứ mà lần chạy này đã tạo sẽ được gỡ đi.</translation>
    </message>
    <message>
        <source>Removes exactly what Apply recorded as created on this NetScaler.</source>
        <translation>Gỡ đúng những gì mà thao tác Áp dụng đã ghi nhận là đã tạo trên NetScaler này.</translation>
    </message>
    <message>
        <source>not applied yet</source>
        <translation>chưa áp dụng</translation>
    </message>
    <message>
        <source>Compare the NetScaler with the plan</source>
        <translation>So sánh NetScaler với kế hoạch</translation>
    </message>
    <message>
        <source>Apply the load-balancing configuration</source>
        <translation>Áp dụng cấu hình cân bằng tải</translation>
    </message>
    <message>
        <source>Verify the load-balancing configuration</source>
        <translation>Kiểm tra cấu hình cân bằng tải</translation>
    </message>
    <message>
        <source>Nothing is recorded as created by Apply on %1, so there is nothing to roll back. The rollback batch removes the plan&apos;s objects by hand.</source>
        <translation>Không có gì được ghi nhận là do thao tác Áp dụng tạo ra trên %1, nên không có gì để hoàn tác. Tệp batch hoàn tác gỡ các đối tượng của kế hoạch theo cách thủ công.</translation>
    </message>
    <message>
        <source>Roll back the load-balancing configuration</source>
        <translation>Hoàn tác cấu hình cân bằng tải</translation>
    </message>
    <message>
        <source>%1 on %2 ...</source>
        <translation>%1 trên %2 ...</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Xong.</translation>
    </message>
    <message>
        <source>%1 -&gt; %2: %3</source>
        <translation>%1 -&gt; %2: %3</translation>
    </message>
    <message>
        <source>Enter the NetScaler user and password first.</source>
        <translation>Hãy nhập người dùng và mật khẩu NetScaler trước.</translation>
    </message>
    <message>
        <source>Balanced service</source>
        <translation>Dịch vụ được cân bằng</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>Cổng</translation>
    </message>
    <message>
        <source>Persistence</source>
        <translation>Duy trì phiên</translation>
    </message>
    <message>
        <source>Persistence timeout</source>
        <translation>Thời hạn duy trì phiên</translation>
    </message>
    <message>
        <source> minutes</source>
        <translation> phút</translation>
    </message>
    <message>
        <source>NetScaler</source>
        <translation>NetScaler</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Loại</translation>
    </message>
    <message>
        <source>Object name prefix</source>
        <translation>Tiền tố tên đối tượng</translation>
    </message>
    <message>
        <source>Subnet IP (SNIP)</source>
        <translation>IP mạng con (SNIP)</translation>
    </message>
</context>
<context>
    <name>vlab::PlanFilesPage</name>
    <message>
        <source>Write plan files</source>
        <translation>Ghi các tệp kế hoạch</translation>
    </message>
    <message>
        <source>Project files</source>
        <translation>Tệp dự án</translation>
    </message>
    <message>
        <source>Project folder:</source>
        <translation>Thư mục dự án:</translation>
    </message>
    <message>
        <source>Project folder</source>
        <translation>Thư mục dự án</translation>
    </message>
    <message>
        <source>Choose a project folder first.</source>
        <translation>Hãy chọn thư mục dự án trước.</translation>
    </message>
    <message>
        <source>Write the plan-only artifacts of every step</source>
        <translation>Ghi các tệp chỉ lập kế hoạch của mọi bước</translation>
    </message>
    <message>
        <source>Written:
%1</source>
        <translation>Đã ghi:
%1</translation>
    </message>
    <message>
        <source>Not written: %1</source>
        <translation>Chưa ghi: %1</translation>
    </message>
    <message>
        <source>Not written yet (the plan lacks something):
%1</source>
        <translation>Chưa ghi được (kế hoạch còn thiếu thông tin):
%1</translation>
    </message>
    <message>
        <source>Other work is still running; wait for it or cancel it.</source>
        <translation>Một công việc khác vẫn đang chạy; hãy chờ nó xong hoặc hủy nó.</translation>
    </message>
    <message>
        <source>Write the plan, its validation report, every plan-only file (request config, NetScaler batches, installer templates, vDS scripts) and the runbook (PDF and Markdown, with the results of every live run) into the project folder, then open the runbook. Nothing here touches the lab.</source>
        <translation>Ghi kế hoạch, báo cáo kiểm tra hợp lệ, mọi tệp của chế độ chỉ lập kế hoạch (cấu hình yêu cầu chứng chỉ, tệp batch NetScaler, mẫu trình cài đặt, script vDS) và sổ tay vận hành (PDF và Markdown, kèm kết quả của mọi lần chạy trực tiếp) vào thư mục dự án, rồi mở sổ tay vận hành. Không thao tác nào ở đây động đến lab.</translation>
    </message>
    <message>
        <source>&amp;Write plan files</source>
        <translation>Ghi các tệp &amp;kế hoạch</translation>
    </message>
    <message>
        <source>&amp;Open the runbook</source>
        <translation>&amp;Mở sổ tay vận hành</translation>
    </message>
    <message>
        <source>Brow&amp;se...</source>
        <translation>&amp;Duyệt...</translation>
    </message>
    <message>
        <source>What was done, what is left</source>
        <translation>Đã làm gì, còn lại gì</translation>
    </message>
    <message>
        <source>Done.</source>
        <translation>Đã xong.</translation>
    </message>
    <message>
        <source>Failed: its last run stopped with problems. Left: deal with the cause its log names, then run it again from its page.</source>
        <translation>Thất bại: lần chạy gần nhất dừng lại vì có sự cố. Còn lại: xử lý nguyên nhân mà nhật ký nêu, rồi chạy lại từ trang của bước này.</translation>
    </message>
    <message>
        <source>Cancelled: its last run was stopped or cut off. Left: run it again from its page (a cut-off run offers to resume).</source>
        <translation>Đã hủy: lần chạy gần nhất bị dừng hoặc bị ngắt. Còn lại: chạy lại từ trang của bước này (lần chạy bị ngắt sẽ đề nghị tiếp tục).</translation>
    </message>
    <message>
        <source>Passed without a live run. Left: run it from its page, or do it by hand with its plan-only files and the runbook.</source>
        <translation>Đã đi qua mà không chạy thật. Còn lại: chạy từ trang của bước này, hoặc làm bằng tay với các tệp chỉ lập kế hoạch và sổ tay vận hành.</translation>
    </message>
    <message>
        <source>Not run yet. Left: run it from its page, or do it by hand with its plan-only files and the runbook.</source>
        <translation>Chưa chạy. Còn lại: chạy từ trang của bước này, hoặc làm bằng tay với các tệp chỉ lập kế hoạch và sổ tay vận hành.</translation>
    </message>
    <message>
        <source>Not gone through yet. Left: check the plan on its page.</source>
        <translation>Chưa xem qua. Còn lại: kiểm tra kế hoạch trên trang của nó.</translation>
    </message>
    <message>
        <source>Every step is done.</source>
        <translation>Mọi bước đã xong.</translation>
    </message>
    <message>
        <source>%1 of %2 steps done; what is left is said under each step.</source>
        <translation>Đã xong %1 trên %2 bước; phần còn lại được nêu dưới từng bước.</translation>
    </message>
    <message>
        <source>Asked the system to open the runbook, %1. If no window opens, no program for PDF files is set up: open the file with a PDF viewer.</source>
        <translation>Đã yêu cầu hệ thống mở sổ tay vận hành, %1. Nếu không có cửa sổ nào mở ra thì máy chưa có chương trình cho tệp PDF: hãy mở tệp bằng một trình xem PDF.</translation>
    </message>
    <message>
        <source>The runbook could not be opened: no program for PDF files is set up on this computer. It is %1; open it with a PDF viewer (install one first if needed).</source>
        <translation>Không mở được sổ tay vận hành: máy này chưa có chương trình cho tệp PDF. Tệp nằm tại %1; hãy mở nó bằng một trình xem PDF (cài một trình trước nếu cần).</translation>
    </message>
    <message>
        <source>Replace files?</source>
        <translation>Thay thế các tệp?</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) in %1 differ from what this plan gives and would be replaced:</source>
        <translation>
            <numerusform>%n tệp trong %1 khác với những gì kế hoạch này tạo ra và sẽ bị thay thế:</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Overwrite</source>
        <translation>&amp;Ghi đè</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Nothing was written: the files in the folder stay as they were.</source>
        <translation>Không ghi gì cả: các tệp trong thư mục vẫn giữ nguyên.</translation>
    </message>
    <message>
        <source>Nothing was written: %1 is the project folder of another lab (its plan: %2). Each lab needs a folder of its own: choose another folder.</source>
        <translation>Chưa ghi gì: %1 là thư mục dự án của một lab khác (kế hoạch của nó: %2). Mỗi lab cần một thư mục riêng: hãy chọn thư mục khác.</translation>
    </message>
</context>
<context>
    <name>vlab::PrecheckPage</name>
    <message>
        <source>Run all checks</source>
        <translation>Chạy mọi kiểm tra</translation>
    </message>
    <message>
        <source>Re-run failed</source>
        <translation>Chạy lại mục thất bại</translation>
    </message>
    <message>
        <source>Pre-checks</source>
        <translation>Kiểm tra trước</translation>
    </message>
    <message>
        <source>DNS records both ways, ports, time and certificates, checked from this machine before anything is installed. Plan-only users can skip this page.</source>
        <translation>Bản ghi DNS hai chiều, cổng, thời gian và chứng chỉ, được kiểm tra từ máy này trước khi cài đặt bất cứ thứ gì. Người chỉ lập kế hoạch có thể bỏ qua trang này.</translation>
    </message>
    <message>
        <source>DNS</source>
        <translation>DNS</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>Cổng</translation>
    </message>
    <message>
        <source>NTP</source>
        <translation>NTP</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>Time limit per check:</source>
        <translation>Thời gian tối đa cho mỗi kiểm tra:</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <source>Node / check</source>
        <translation>Nút / kiểm tra</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Đích</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Kết quả</translation>
    </message>
    <message>
        <source>Not run yet</source>
        <translation>Chưa chạy</translation>
    </message>
    <message numerus="yes">
        <source>%n check(s) planned. They talk to the addresses in the plan.</source>
        <translation>
            <numerusform>Đã lên lịch %n mục kiểm tra. Chúng sẽ kết nối tới các địa chỉ trong kế hoạch.</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose at least one kind of check.</source>
        <translation>Hãy chọn ít nhất một loại kiểm tra.</translation>
    </message>
    <message>
        <source>Nothing to check.</source>
        <translation>Không có gì để kiểm tra.</translation>
    </message>
    <message>
        <source>Re-run failed pre-checks</source>
        <translation>Chạy lại các kiểm tra trước đã thất bại</translation>
    </message>
    <message>
        <source>Other work is still running; wait for it or cancel it.</source>
        <translation>Một công việc khác vẫn đang chạy; hãy chờ nó xong hoặc hủy nó.</translation>
    </message>
    <message numerus="yes">
        <source>Running %n check(s)...</source>
        <translation>
            <numerusform>Đang chạy %n mục kiểm tra...</numerusform>
        </translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>Cách sửa: %1</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>Đã lưu vào %1.</translation>
    </message>
    <message>
        <source>The results could not be saved in the project folder.</source>
        <translation>Không lưu được kết quả vào thư mục dự án.</translation>
    </message>
    <message>
        <source>%1 passed, %2 warning(s), %3 failed, %4 no answer, %5 cancelled, %6 not run. %7</source>
        <translation>%1 đạt, %2 cảnh báo, %3 thất bại, %4 không có trả lời, %5 đã hủy, %6 chưa chạy. %7</translation>
    </message>
</context>
<context>
    <name>vlab::PscInstallPage</name>
    <message>
        <source>Run precheck</source>
        <translation>Chạy kiểm tra trước</translation>
    </message>
    <message>
        <source>Install PSC1</source>
        <translation>Cài PSC1</translation>
    </message>
    <message>
        <source>Install PSC2</source>
        <translation>Cài PSC2</translation>
    </message>
    <message>
        <source>PSC install</source>
        <translation>Cài đặt PSC</translation>
    </message>
    <message>
        <source>Two external Platform Services Controllers in one SSO domain and site: the first creates the domain, the second replicates with it. The VCSA installer (vcsa-deploy) checks each template, runs its prechecks, then deploys.</source>
        <translation>Hai Platform Services Controller bên ngoài trong cùng một miền SSO và site: PSC thứ nhất tạo miền, PSC thứ hai sao chép dữ liệu với nó. Trình cài đặt VCSA (vcsa-deploy) kiểm tra từng mẫu, chạy các bước kiểm tra trước của nó, rồi triển khai.</translation>
    </message>
    <message>
        <source>Template check and precheck of the PSC shown on the right; installs nothing.</source>
        <translation>Kiểm tra mẫu và kiểm tra trước cho PSC hiển thị ở bên phải; không cài đặt gì.</translation>
    </message>
    <message>
        <source>PSC1 (first instance)</source>
        <translation>PSC1 (phiên bản đầu tiên)</translation>
    </message>
    <message>
        <source>PSC2 (replication)</source>
        <translation>PSC2 (sao chép dữ liệu)</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>SSO domain %1, site %2. PSCs: %3. Deployed to %4 %5, datastore %6, network %7.</source>
        <translation>Miền SSO %1, site %2. Các PSC: %3. Triển khai lên %4 %5, datastore %6, mạng %7.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message>
        <source>%1: template check and precheck passed. Logs: %2</source>
        <translation>%1: kiểm tra mẫu và kiểm tra trước đều đạt. Nhật ký: %2</translation>
    </message>
    <message>
        <source>%1 installed. Logs: %2</source>
        <translation>Đã cài %1. Nhật ký: %2</translation>
    </message>
    <message>
        <source>Precheck %1</source>
        <translation>Kiểm tra trước %1</translation>
    </message>
    <message>
        <source>Install %1</source>
        <translation>Cài %1</translation>
    </message>
    <message>
        <source>%1: not installed by this run (skipped: %2). Check on the host whether the earlier install finished before you install it again.</source>
        <translation>%1: lần chạy này không cài đặt (đã bỏ qua: %2). Hãy kiểm tra trên máy chủ xem lần cài đặt trước đã xong chưa trước khi cài lại.</translation>
    </message>
    <message>
        <source>%1: running; the progress is below.</source>
        <translation>%1: đang chạy; tiến độ ở bên dưới.</translation>
    </message>
</context>
<context>
    <name>vlab::RememberedPassword</name>
    <message>
        <source>asked each time</source>
        <translation>hỏi lại mỗi lần</translation>
    </message>
    <message>
        <source>remembered in the keychain</source>
        <translation>được nhớ trong keychain</translation>
    </message>
    <message>
        <source>remembered until you quit</source>
        <translation>được nhớ đến khi thoát</translation>
    </message>
</context>
<context>
    <name>vlab::RunPanel</name>
    <message>
        <source>Waiting</source>
        <translation>Đang chờ</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Đang chạy</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Xong</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Thất bại</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Đã hủy</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Bỏ qua</translation>
    </message>
    <message>
        <source>Nothing is running. Work started from a page shows here.</source>
        <translation>Không có gì đang chạy. Công việc bắt đầu từ một trang sẽ hiện ở đây.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Công việc</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Chi tiết</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Nhật ký</translation>
    </message>
    <message>
        <source>Cancel the running work?</source>
        <translation>Hủy công việc đang chạy?</translation>
    </message>
    <message>
        <source>Stop &quot;%1&quot;? Jobs already finished stay done; cleanup jobs still run.</source>
        <translation>Dừng &quot;%1&quot;? Các công việc đã xong vẫn giữ nguyên; các công việc dọn dẹp vẫn sẽ chạy.</translation>
    </message>
    <message>
        <source>Started: %1</source>
        <translation>Bắt đầu: %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation>Đang hủy...</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Finished at %1</source>
        <translation>Hoàn tất lúc %1</translation>
    </message>
    <message>
        <source>Finished: %1</source>
        <translation>Hoàn tất: %1</translation>
    </message>
    <message>
        <source>Stopped with problems: %1</source>
        <translation>Đã dừng do có vấn đề: %1</translation>
    </message>
    <message>
        <source>Resume the interrupted run?</source>
        <translation>Tiếp tục lần chạy bị gián đoạn?</translation>
    </message>
    <message numerus="yes">
        <source>The last run of &quot;%1&quot; stopped unexpectedly (last recorded %2). %n job(s) had finished and can be skipped.</source>
        <translation>
            <numerusform>Lần chạy gần nhất của &quot;%1&quot; đã dừng bất ngờ (ghi nhận cuối cùng lúc %2). %n công việc đã xong và có thể được bỏ qua.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopping (%1)...</source>
        <translation>Đang dừng (%1)...</translation>
    </message>
    <message>
        <source>%1 (changes the lab)</source>
        <translation>%1 (thay đổi lab)</translation>
    </message>
    <message>
        <source>was cut off (the program ended while it ran)</source>
        <translation>bị cắt ngang (chương trình kết thúc khi nó đang chạy)</translation>
    </message>
    <message>
        <source>was interrupted by %1</source>
        <translation>bị ngắt bởi %1</translation>
    </message>
    <message>
        <source>Earlier run not finished: &quot;%1&quot;, started %2, %3. Unfinished then: %4. Nothing of it runs now. Check the lab before you start it again; starting it offers to resume.</source>
        <translation>Lần chạy trước chưa xong: &quot;%1&quot;, bắt đầu lúc %2, %3. Chưa xong khi đó: %4. Hiện không có phần nào của nó đang chạy. Hãy kiểm tra lab trước khi chạy lại; khi chạy lại sẽ có lựa chọn tiếp tục.</translation>
    </message>
    <message>
        <source>none</source>
        <translation>không có</translation>
    </message>
    <message>
        <source>Nothing is running. An earlier run did not finish: see the log.</source>
        <translation>Không có gì đang chạy. Một lần chạy trước chưa xong: xem nhật ký.</translation>
    </message>
    <message>
        <source>Other work is still running; wait for it or cancel it.</source>
        <translation>Công việc khác vẫn đang chạy; hãy chờ hoặc hủy nó.</translation>
    </message>
    <message>
        <source>Not started: the changes were not approved, and nothing was changed.</source>
        <translation>Chưa bắt đầu: các thay đổi chưa được phê duyệt, và không có gì bị thay đổi.</translation>
    </message>
    <message>
        <source>Approved before: &quot;%1&quot;</source>
        <translation>Đã phê duyệt trước đó: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Not started: &quot;%1&quot; was not approved; nothing was changed.</source>
        <translation>Chưa bắt đầu: &quot;%1&quot; chưa được phê duyệt; không có gì bị thay đổi.</translation>
    </message>
    <message>
        <source>Approved: &quot;%1&quot;</source>
        <translation>Đã phê duyệt: &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Waiting for your confirmation of %1 of %2.</source>
        <translation>Đang chờ bạn xác nhận %1 của %2.</translation>
    </message>
    <message>
        <source>Stopped before changing anything on %1: %2 is not confirmed yet. %3</source>
        <translation>Đã dừng trước khi thay đổi bất cứ điều gì trên %1: %2 chưa được xác nhận. %3</translation>
    </message>
    <message>
        <source>Not trusted</source>
        <translation>Không tin cậy</translation>
    </message>
    <message>
        <source>Confirmed</source>
        <translation>Đã xác nhận</translation>
    </message>
    <message>
        <source>Waiting for you</source>
        <translation>Đang chờ bạn</translation>
    </message>
    <message>
        <source>Confirmed; running again.</source>
        <translation>Đã xác nhận; đang chạy lại.</translation>
    </message>
    <message>
        <source>Trusted: %1 of %2, SHA-256 %3. Running &quot;%4&quot; again.</source>
        <translation>Đã tin cậy: %1 của %2, SHA-256 %3. Đang chạy lại &quot;%4&quot;.</translation>
    </message>
    <message>
        <source>Trusted %1 of %2, but the run did not start again; see the page.</source>
        <translation>Đã tin cậy %1 của %2, nhưng lần chạy không bắt đầu lại; xem trang.</translation>
    </message>
    <message>
        <source>Not trusted: the fingerprint could not be kept (%1). Nothing was changed on %2.</source>
        <translation>Không tin cậy: không lưu được dấu vân tay (%1). Không có gì bị thay đổi trên %2.</translation>
    </message>
    <message>
        <source>Not trusted: you did not confirm %1 of %2, so nothing was changed on it.</source>
        <translation>Không tin cậy: bạn đã không xác nhận %1 của %2, nên không có gì bị thay đổi trên đó.</translation>
    </message>
    <message>
        <source>%1: could not be checked; look at the lab yourself.</source>
        <translation>%1: không kiểm tra được; hãy tự xem lab.</translation>
    </message>
    <message>
        <source>Neither running them again nor skipping them fits what was found: deal with it in the lab first, then start again.</source>
        <translation>Chạy lại hay bỏ qua đều không phù hợp với những gì tìm thấy: hãy xử lý trong lab trước, rồi bắt đầu lại.</translation>
    </message>
    <message>
        <source>Running them again would make a second copy, so that is not offered.</source>
        <translation>Chạy lại sẽ tạo ra bản thứ hai, nên không đề xuất lựa chọn đó.</translation>
    </message>
    <message>
        <source>They are not done, so skipping them is not offered.</source>
        <translation>Chúng chưa được thực hiện, nên không đề xuất bỏ qua.</translation>
    </message>
    <message>
        <source>Running them again may make a second copy (a second appliance, say). Skipped, they are not counted as done.</source>
        <translation>Chạy lại có thể tạo ra bản thứ hai (ví dụ một appliance thứ hai). Nếu bỏ qua, chúng không được tính là đã xong.</translation>
    </message>
    <message>
        <source>These were running when it stopped and may have changed the lab half way: %1.

What is true now:
%2

%3</source>
        <translation>Các việc này đang chạy khi lần chạy dừng lại và có thể đã thay đổi lab dở dang: %1.

Tình trạng hiện tại:
%2

%3</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Để sau</translation>
    </message>
    <message>
        <source>The last run was cut off while it changed the lab. Checking what is true now before anything runs: %1</source>
        <translation>Lần chạy trước bị ngắt khi đang thay đổi lab. Đang kiểm tra tình trạng hiện tại trước khi chạy bất cứ gì: %1</translation>
    </message>
    <message>
        <source>Checking the lab before &quot;%1&quot; ...</source>
        <translation>Đang kiểm tra lab trước khi chạy &quot;%1&quot; ...</translation>
    </message>
    <message>
        <source>Found: %1</source>
        <translation>Tìm thấy: %1</translation>
    </message>
    <message>
        <source>Nothing was run or changed: %1</source>
        <translation>Không có gì được chạy hay thay đổi: %1</translation>
    </message>
    <message>
        <source>The last run of &quot;%1&quot; stopped unexpectedly (last recorded %2).</source>
        <translation>Lần chạy trước của &quot;%1&quot; đã dừng bất ngờ (ghi nhận cuối lúc %2).</translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>Đã hủy: %1</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Tiếp tục</translation>
    </message>
    <message>
        <source>Resume, &amp;run them again</source>
        <translation>Tiếp tục, &amp;chạy lại chúng</translation>
    </message>
    <message>
        <source>Resume, &amp;skip them</source>
        <translation>Tiếp tục, &amp;bỏ qua chúng</translation>
    </message>
    <message>
        <source>Start &amp;over</source>
        <translation>Chạy &amp;lại từ đầu</translation>
    </message>
</context>
<context>
    <name>vlab::SshLoginBox</name>
    <message>
        <source>private key file (instead of the password)</source>
        <translation>tệp khóa riêng (thay cho mật khẩu)</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Người dùng</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>Cổng</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>Key file</source>
        <translation>Tệp khóa</translation>
    </message>
</context>
<context>
    <name>vlab::StartPage</name>
    <message>
        <source>&amp;New lab from the example</source>
        <translation>Tạo lab mới từ ví &amp;dụ</translation>
    </message>
    <message>
        <source>&amp;Open a plan...</source>
        <translation>&amp;Mở kế hoạch...</translation>
    </message>
    <message>
        <source>Open the &amp;selected plan</source>
        <translation>Mở kế hoạch đã &amp;chọn</translation>
    </message>
    <message>
        <source>&lt;h2&gt;vLab Wizard&lt;/h2&gt;</source>
        <translation>&lt;h2&gt;vLab Wizard&lt;/h2&gt;</translation>
    </message>
    <message>
        <source>Plan a highly available vSphere 6.7 lab (two PSCs behind a NetScaler, vCenter with VCHA, a Distributed Switch), write every file and a runbook for it, or build it step by step. Every step can run plan only; nothing touches a lab until you start a live step and approve it.</source>
        <translation>Lập kế hoạch một lab vSphere 6.7 có tính sẵn sàng cao (hai PSC sau một NetScaler, vCenter với VCHA, một Distributed Switch), tạo mọi tệp và sổ tay vận hành cho nó, hoặc dựng nó từng bước. Mọi bước đều có thể chạy ở chế độ chỉ lập kế hoạch; không có gì chạm tới lab cho đến khi bạn bắt đầu một bước trực tiếp và phê duyệt nó.</translation>
    </message>
    <message>
        <source>Starts from the example lab &quot;sslab&quot;, every field filled in: change the names and addresses to yours, then save it under its own name.</source>
        <translation>Bắt đầu từ lab ví dụ &quot;sslab&quot;, mọi trường đã được điền: đổi tên và địa chỉ thành của bạn, rồi lưu nó dưới tên riêng.</translation>
    </message>
    <message>
        <source>&amp;Recent plans:</source>
        <translation>Kế hoạch &amp;vừa dùng:</translation>
    </message>
    <message>
        <source>%1 - in %2</source>
        <translation>%1 - trong %2</translation>
    </message>
    <message>
        <source>%1 - in %2 (not found)</source>
        <translation>%1 - trong %2 (không tìm thấy)</translation>
    </message>
    <message>
        <source>No plan opened or saved yet.</source>
        <translation>Chưa mở hoặc lưu kế hoạch nào.</translation>
    </message>
</context>
<context>
    <name>vlab::TrustDialog</name>
    <message>
        <source>the NetScaler&apos;s certificate</source>
        <translation>chứng chỉ của NetScaler</translation>
    </message>
    <message>
        <source>the vCenter&apos;s certificate</source>
        <translation>chứng chỉ của vCenter</translation>
    </message>
    <message>
        <source>the SSH host key</source>
        <translation>khóa máy chủ SSH</translation>
    </message>
    <message>
        <source>On the NetScaler itself, not over this network: its management interface serves the certificate-key pair ns-server-certificate, by default the file /nsconfig/ssl/ns-server.cert. In the NetScaler&apos;s shell (type &quot;shell&quot; at its CLI) run:
openssl x509 -in /nsconfig/ssl/ns-server.cert -noout -fingerprint -sha256</source>
        <translation>Trên chính NetScaler, không qua mạng này: giao diện quản trị của nó dùng cặp chứng chỉ-khóa ns-server-certificate, mặc định là tệp /nsconfig/ssl/ns-server.cert. Trong shell của NetScaler (gõ &quot;shell&quot; tại CLI của nó) hãy chạy:
openssl x509 -in /nsconfig/ssl/ns-server.cert -noout -fingerprint -sha256</translation>
    </message>
    <message>
        <source>On the vCenter appliance&apos;s console, not over this network: port 443 serves the machine SSL certificate. In its bash shell (type &quot;shell&quot; at the Command&gt; prompt) run:
/usr/lib/vmware-vmafd/bin/vecs-cli entry getcert --store MACHINE_SSL_CERT --alias __MACHINE_CERT | openssl x509 -noout -fingerprint -sha256</source>
        <translation>Trên console của appliance vCenter, không qua mạng này: cổng 443 dùng chứng chỉ SSL của máy (machine SSL). Trong bash shell của nó (gõ &quot;shell&quot; tại dấu nhắc Command&gt;) hãy chạy:
/usr/lib/vmware-vmafd/bin/vecs-cli entry getcert --store MACHINE_SSL_CERT --alias __MACHINE_CERT | openssl x509 -noout -fingerprint -sha256</translation>
    </message>
    <message>
        <source>On the appliance&apos;s console, not over this network: in its bash shell (type &quot;shell&quot; at the Command&gt; prompt) run:
ssh-keygen -lf /etc/ssh/ssh_host_%1_key.pub
It prints the SHA256 fingerprint in the same form.</source>
        <translation>Trên console của appliance, không qua mạng này: trong bash shell của nó (gõ &quot;shell&quot; tại dấu nhắc Command&gt;) hãy chạy:
ssh-keygen -lf /etc/ssh/ssh_host_%1_key.pub
Lệnh này in dấu vân tay SHA256 theo cùng dạng.</translation>
    </message>
    <message>
        <source>Confirm the SSH host key of %1</source>
        <translation>Xác nhận khóa máy chủ SSH của %1</translation>
    </message>
    <message>
        <source>Confirm the certificate of %1</source>
        <translation>Xác nhận chứng chỉ của %1</translation>
    </message>
    <message>
        <source>This computer does not know %1 of %2 yet, so the run stopped before it changed anything. Trust it only if the fingerprint below is exactly the one the appliance itself shows; a different one means another machine is answering.</source>
        <translation>Máy tính này chưa biết %1 của %2, nên lần chạy đã dừng trước khi thay đổi bất cứ điều gì. Chỉ tin cậy nếu dấu vân tay dưới đây đúng y như dấu vân tay mà chính appliance hiển thị; nếu khác, tức là một máy khác đang trả lời.</translation>
    </message>
    <message>
        <source>NetScaler management certificate (NITRO over HTTPS)</source>
        <translation>Chứng chỉ quản trị của NetScaler (NITRO qua HTTPS)</translation>
    </message>
    <message>
        <source>vCenter certificate (HTTPS)</source>
        <translation>Chứng chỉ vCenter (HTTPS)</translation>
    </message>
    <message>
        <source>SSH host key</source>
        <translation>Khóa máy chủ SSH</translation>
    </message>
    <message>
        <source>SSH host key (%1)</source>
        <translation>Khóa máy chủ SSH (%1)</translation>
    </message>
    <message>
        <source>Kind: %1</source>
        <translation>Loại: %1</translation>
    </message>
    <message>
        <source>Host: %1</source>
        <translation>Máy chủ: %1</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>Dấu vân tay SHA-256:</translation>
    </message>
    <message>
        <source>Where to find the real one: %1</source>
        <translation>Nơi tìm dấu vân tay thật: %1</translation>
    </message>
    <message>
        <source>&amp;Trust this host key</source>
        <translation>&amp;Tin cậy khóa máy chủ này</translation>
    </message>
    <message>
        <source>&amp;Trust this certificate</source>
        <translation>&amp;Tin cậy chứng chỉ này</translation>
    </message>
    <message>
        <source>Do &amp;not trust</source>
        <translation>&amp;Không tin cậy</translation>
    </message>
    <message>
        <source>The certificate of %1 has changed</source>
        <translation>Chứng chỉ của %1 đã thay đổi</translation>
    </message>
    <message>
        <source>%1 of %2 is not the one you confirmed before, so the run stopped before it changed anything. That is expected only when someone replaced the certificate on the appliance (renewed or reinstalled it); otherwise another machine is answering in its place. Ask whoever looks after it, and trust the new certificate only if the fingerprint below is exactly the one the appliance itself shows now.</source>
        <translation>%1 của %2 không phải là cái bạn đã xác nhận trước đây, nên lần chạy đã dừng trước khi thay đổi bất cứ điều gì. Điều này chỉ bình thường khi ai đó đã thay chứng chỉ trên appliance (gia hạn hoặc cài lại); nếu không, một máy khác đang trả lời thay nó. Hãy hỏi người quản lý appliance, và chỉ tin cậy chứng chỉ mới nếu dấu vân tay dưới đây đúng y như dấu vân tay mà chính appliance đang hiển thị.</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint presented now:</source>
        <translation>Dấu vân tay SHA-256 đang được trình ra:</translation>
    </message>
    <message>
        <source>Confirmed before (no longer presented):
%1</source>
        <translation>Đã xác nhận trước đây (không còn được trình ra):
%1</translation>
    </message>
    <message>
        <source>&amp;Trust the new certificate</source>
        <translation>&amp;Tin cậy chứng chỉ mới</translation>
    </message>
</context>
<context>
    <name>vlab::VCenterConnectionBox</name>
    <message>
        <source>vCenter connection</source>
        <translation>Kết nối vCenter</translation>
    </message>
    <message>
        <source>host or host:port</source>
        <translation>host hoặc host:port</translation>
    </message>
    <message>
        <source>Host</source>
        <translation>Host</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Người dùng</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <source>Enter the vCenter user.</source>
        <translation>Hãy nhập người dùng vCenter.</translation>
    </message>
    <message>
        <source>Save the plan in a project folder first: confirmed fingerprints are kept there.</source>
        <translation>Hãy lưu kế hoạch vào một thư mục dự án trước: các dấu vân tay đã xác nhận được lưu ở đó.</translation>
    </message>
</context>
<context>
    <name>vlab::VCenterPage</name>
    <message>
        <source>Run precheck</source>
        <translation>Chạy kiểm tra trước</translation>
    </message>
    <message>
        <source>Install vCenter</source>
        <translation>Cài vCenter</translation>
    </message>
    <message>
        <source>Check login</source>
        <translation>Kiểm tra đăng nhập</translation>
    </message>
    <message>
        <source>vCenter</source>
        <translation>vCenter</translation>
    </message>
    <message>
        <source>vCenter Server with the external PSCs behind the load-balancer name, deployed by the VCSA installer; then a REST login shows that it answers.</source>
        <translation>vCenter Server dùng các PSC bên ngoài đứng sau tên của bộ cân bằng tải, được triển khai bằng trình cài đặt VCSA; sau đó một lần đăng nhập REST cho thấy nó phản hồi.</translation>
    </message>
    <message>
        <source>Check the vCenter login</source>
        <translation>Kiểm tra đăng nhập vCenter</translation>
    </message>
    <message>
        <source>%1 (%2), size %3, SSO through the load-balancer name %4. Deployed to %5 %6.</source>
        <translation>%1 (%2), kích cỡ %3, SSO qua tên bộ cân bằng tải %4. Triển khai lên %5 %6.</translation>
    </message>
    <message>
        <source>Precheck vCenter</source>
        <translation>Kiểm tra trước vCenter</translation>
    </message>
    <message>
        <source>vCenter installed; check the login next. Logs: %1</source>
        <translation>Đã cài vCenter; tiếp theo hãy kiểm tra đăng nhập. Nhật ký: %1</translation>
    </message>
    <message>
        <source>Template check and precheck passed. Logs: %1</source>
        <translation>Kiểm tra mẫu và kiểm tra trước đều đạt. Nhật ký: %1</translation>
    </message>
    <message>
        <source>Logged in: %1.</source>
        <translation>Đã đăng nhập: %1.</translation>
    </message>
    <message>
        <source>Not done by this run (skipped: %1). Check the vCenter before you start it again.</source>
        <translation>Lần chạy này không thực hiện (đã bỏ qua: %1). Hãy kiểm tra vCenter trước khi chạy lại.</translation>
    </message>
    <message>
        <source>%1: running; the progress is below.</source>
        <translation>%1: đang chạy; tiến độ ở bên dưới.</translation>
    </message>
</context>
<context>
    <name>vlab::VchaPage</name>
    <message>
        <source>vCenter HA</source>
        <translation>vCenter HA</translation>
    </message>
    <message>
        <source>Deploy VCHA</source>
        <translation>Triển khai VCHA</translation>
    </message>
    <message>
        <source>Read the state</source>
        <translation>Đọc trạng thái</translation>
    </message>
    <message>
        <source>Active, passive and witness nodes on their own HA network. vSphere 6.7 U1 and later deploy it over the REST API; 6.7 GA needs the manual steps.</source>
        <translation>Các nút chủ động, thụ động và nhân chứng trên mạng HA riêng. vSphere 6.7 U1 trở lên triển khai VCHA qua REST API; 6.7 GA cần làm theo các bước thủ công.</translation>
    </message>
    <message>
        <source>Deploy spec (REST, 6.7 U1+)</source>
        <translation>Đặc tả triển khai (REST, 6.7 U1+)</translation>
    </message>
    <message>
        <source>Manual steps (6.7 GA)</source>
        <translation>Các bước thủ công (6.7 GA)</translation>
    </message>
    <message>
        <source>VCHA is switched off in the plan (vcha.enabled).</source>
        <translation>VCHA đang bị tắt trong kế hoạch (vcha.enabled).</translation>
    </message>
    <message>
        <source>Prerequisites met: vCenter size %1, HA network %2 apart from the management network, three HA addresses.</source>
        <translation>Đã đáp ứng các điều kiện tiên quyết: kích cỡ vCenter %1, mạng HA %2 tách biệt với mạng quản trị, ba địa chỉ HA.</translation>
    </message>
    <message>
        <source>VCHA: configuration %1, mode %2, health %3.</source>
        <translation>VCHA: cấu hình %1, chế độ %2, tình trạng %3.</translation>
    </message>
    <message>
        <source>Deploy vCenter HA</source>
        <translation>Triển khai vCenter HA</translation>
    </message>
    <message>
        <source>Read the VCHA state</source>
        <translation>Đọc trạng thái VCHA</translation>
    </message>
    <message>
        <source>HA network</source>
        <translation>Mạng HA</translation>
    </message>
    <message>
        <source>Deploy vCenter High Availability</source>
        <translation>Triển khai vCenter High Availability</translation>
    </message>
    <message>
        <source>Network (CIDR)</source>
        <translation>Mạng (CIDR)</translation>
    </message>
    <message>
        <source>Port group</source>
        <translation>Nhóm cổng</translation>
    </message>
    <message>
        <source>Active node address</source>
        <translation>Địa chỉ nút chủ động</translation>
    </message>
    <message>
        <source>Passive node address</source>
        <translation>Địa chỉ nút thụ động</translation>
    </message>
    <message>
        <source>Witness address</source>
        <translation>Địa chỉ nút chứng kiến</translation>
    </message>
    <message>
        <source>Remove VCHA</source>
        <translation>Gỡ VCHA</translation>
    </message>
    <message>
        <source>The undo of Deploy: destroys the VCHA cluster and deletes the passive and witness VMs; the vCenter goes on alone. Asks before anything changes.</source>
        <translation>Hoàn tác việc Triển khai: hủy cụm VCHA và xóa các VM thụ động và nhân chứng; vCenter tiếp tục chạy một mình. Hỏi trước khi thay đổi bất cứ điều gì.</translation>
    </message>
    <message>
        <source>vCenter HA removed: %1 runs as a standalone vCenter.</source>
        <translation>Đã gỡ vCenter HA: %1 chạy như một vCenter độc lập.</translation>
    </message>
    <message>
        <source>Remove vCenter HA</source>
        <translation>Gỡ vCenter HA</translation>
    </message>
</context>
<context>
    <name>vlab::VcsaInstallerBox</name>
    <message>
        <source>VCSA installer</source>
        <translation>Trình cài đặt VCSA</translation>
    </message>
    <message>
        <source>Target password</source>
        <translation>Mật khẩu của đích</translation>
    </message>
    <message>
        <source>the folder where the VCSA ISO is mounted</source>
        <translation>thư mục nơi ảnh ISO VCSA được gắn</translation>
    </message>
    <message>
        <source>Choose...</source>
        <translation>Chọn...</translation>
    </message>
    <message>
        <source>VCSA ISO folder</source>
        <translation>Thư mục ISO VCSA</translation>
    </message>
    <message>
        <source>Appliance root password</source>
        <translation>Mật khẩu root của appliance</translation>
    </message>
    <message>
        <source>SSO administrator password</source>
        <translation>Mật khẩu quản trị viên SSO</translation>
    </message>
    <message>
        <source>The mounted VCSA ISO</source>
        <translation>Ảnh ISO VCSA đã gắn</translation>
    </message>
    <message>
        <source>Password of %1 on vCenter %2</source>
        <translation>Mật khẩu của %1 trên vCenter %2</translation>
    </message>
    <message>
        <source>Password of %1 on ESXi %2</source>
        <translation>Mật khẩu của %1 trên ESXi %2</translation>
    </message>
    <message>
        <source>The installer is expected at %1 under the ISO folder.</source>
        <translation>Trình cài đặt cần nằm ở %1 trong thư mục ISO.</translation>
    </message>
    <message>
        <source>Installer found: %1</source>
        <translation>Đã tìm thấy trình cài đặt: %1</translation>
    </message>
    <message>
        <source>Enter the password of the deployment target.</source>
        <translation>Hãy nhập mật khẩu của nơi triển khai.</translation>
    </message>
    <message>
        <source>The appliance root password</source>
        <translation>Mật khẩu root của appliance</translation>
    </message>
    <message>
        <source>The SSO administrator password</source>
        <translation>Mật khẩu quản trị viên SSO</translation>
    </message>
    <message>
        <source>%1 does not meet the appliance password policy: %2</source>
        <translation>%1 không đáp ứng chính sách mật khẩu của appliance: %2</translation>
    </message>
    <message>
        <source>Skip the target&apos;s certificate check</source>
        <translation>Bỏ qua việc kiểm tra chứng chỉ của máy đích</translation>
    </message>
    <message>
        <source>Runs vcsa-deploy with --no-ssl-certificate-verification: the installer then trusts whatever answers at the target&apos;s address and sends it the passwords. Only for a host whose self-signed certificate you have compared by its thumbprint.</source>
        <translation>Chạy vcsa-deploy với --no-ssl-certificate-verification: khi đó trình cài đặt tin bất kỳ thứ gì trả lời ở địa chỉ của máy đích và gửi cho nó các mật khẩu. Chỉ dùng cho máy chủ có chứng chỉ tự ký mà bạn đã so sánh dấu vân tay.</translation>
    </message>
</context>
<context>
    <name>vlab::VcsaTemplateView</name>
    <message>
        <source>Copy</source>
        <translation>Chép</translation>
    </message>
    <message>
        <source>Save...</source>
        <translation>Lưu...</translation>
    </message>
    <message>
        <source>Save the installer template</source>
        <translation>Lưu mẫu trình cài đặt</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Đã lưu %1</translation>
    </message>
</context>
</TS>
