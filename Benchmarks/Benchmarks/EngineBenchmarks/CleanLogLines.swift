// 208 clean lines from the loghub corpus (Tests/Fixtures/loghub: every 130th line, from the
// 7th, 13 lines per system), embedded so the benchmark reads no files at run time.
let cleanLogLines = #"""
03-17 16:13:38.869  2227  2227 D TextView: visible is system.charge.show
03-17 16:13:46.318  2227  2227 I StackScrollAlgorithm: state.clipTopAmount:69, i:0
03-17 16:13:47.441  2227  2227 I StackScrollAlgorithm: updateClipping isOverlap:true, getTopPadding=333.0, Translation=-428.0
03-17 16:13:55.838  1702  3137 W ActivityManager: getRunningAppProcesses: caller 10091 does not hold REAL_GET_TASKS; limiting output
03-17 16:14:04.484  2227  2227 V PhoneStatusBar: setLightsOn(true)
03-17 16:14:10.606  1702  2105 D PowerManagerService: userActivityNoUpdateLocked: eventTime=261875239, event=2, flags=0x0, uid=1000
03-17 16:14:27.161  1702 17632 I DisplayManagerService: stopWifiDisplayScanLocked mWifiDisplayScanRequestCount=0
03-17 16:15:05.340  1702  1737 D PowerManagerService: ready=true,policy=3,wakefulness=1,wksummary=0x1,uasummary=0x1,bootcompleted=true,boostinprogress=false,waitmodeenable=false,mode=false,manual=38,auto=-1,adj=0.0userId=0
03-17 16:15:22.425  1702  3137 W ActivityManager: getRunningAppProcesses: caller 10111 does not hold REAL_GET_TASKS; limiting output
03-17 16:15:27.269  1702  1737 W ActivityManager: getRunningAppProcesses: caller 10027 does not hold REAL_GET_TASKS; limiting output
03-17 16:15:39.589  2227  2227 I StackScrollAlgorithm: updateDimmedActivatedHideSensitive overlap:true
03-17 16:15:49.210  1702  2250 I ActivityManager: ActivityRecord info: ActivityInfo{71e60ba com.tencent.mobileqq.activity.SplashActivity}, euid: 0
03-17 16:15:51.839  2227  2227 I PhoneStatusBar: setSystemUiVisibility vis=0 mask=1 oldVal=40000500 newVal=40000500 diff=0 fullscreenStackVis=0 dockedStackVis=0, fullscreenStackBounds=Rect(0, 0 - 0, 0), dockedStackBounds=Rect(0, 0 - 0, 0)
[Sun Dec 04 04:51:14 2005] [notice] workerEnv.init() ok /etc/httpd/conf/workers2.properties
[Sun Dec 04 06:01:00 2005] [notice] jk2_init() Found child 32348 in scoreboard slot 7
[Sun Dec 04 06:22:48 2005] [notice] jk2_init() Found child 32478 in scoreboard slot 11
[Sun Dec 04 06:52:14 2005] [notice] workerEnv.init() ok /etc/httpd/conf/workers2.properties
[Sun Dec 04 07:11:04 2005] [notice] jk2_init() Found child 309 in scoreboard slot 7
[Sun Dec 04 16:52:49 2005] [notice] workerEnv.init() ok /etc/httpd/conf/workers2.properties
[Sun Dec 04 17:43:08 2005] [notice] jk2_init() Found child 1563 in scoreboard slot 8
[Sun Dec 04 20:05:59 2005] [notice] workerEnv.init() ok /etc/httpd/conf/workers2.properties
[Sun Dec 04 20:47:17 2005] [notice] jk2_init() Found child 2084 in scoreboard slot 9
[Mon Dec 05 04:14:00 2005] [error] mod_jk child workerEnv in error state 6
[Mon Dec 05 07:48:55 2005] [error] mod_jk child workerEnv in error state 7
[Mon Dec 05 10:36:10 2005] [notice] jk2_init() Found child 5426 in scoreboard slot 6
[Mon Dec 05 12:40:37 2005] [notice] jk2_init() Found child 5798 in scoreboard slot 8
- 1117843015 2005.06.03 R21-M1-N6-C:J08-U11 2005-06-03-16.56.55.309974 R21-M1-N6-C:J08-U11 RAS KERNEL INFO 141 double-hummer alignment exceptions
KERNDTLB 1118548457 2005.06.11 R30-M0-N9-C:J16-U01 2005-06-11-20.54.17.510380 R30-M0-N9-C:J16-U01 RAS KERNEL FATAL data TLB error interrupt
- 1118771384 2005.06.14 R21-M1-N6-C:J13-U11 2005-06-14-10.49.44.238733 R21-M1-N6-C:J13-U11 RAS KERNEL FATAL byte ordering exception.....................0
- 1119715342 2005.06.25 R31-M1-NE-C:J06-U11 2005-06-25-09.02.22.976560 R31-M1-NE-C:J06-U11 RAS KERNEL INFO generating core.50230
- 1120259888 2005.07.01 R25-M0-N7-C:J11-U01 2005-07-01-16.18.08.272925 R25-M0-N7-C:J11-U01 RAS KERNEL INFO 1146800 double-hummer alignment exceptions
- 1120933688 2005.07.09 R27-M0-N4-C:J16-U11 2005-07-09-11.28.08.835803 R27-M0-N4-C:J16-U11 RAS KERNEL INFO generating core.51900
- 1120969432 2005.07.09 R27-M0-N3-C:J04-U01 2005-07-09-21.23.52.155670 R27-M0-N3-C:J04-U01 RAS KERNEL INFO generating core.26955
- 1121312231 2005.07.13 R23-M0-NB-C:J11-U11 2005-07-13-20.37.11.588497 R23-M0-NB-C:J11-U11 RAS KERNEL INFO generating core.27577
- 1121901493 2005.07.20 R05-M1-NC-C:J14-U11 2005-07-20-16.18.13.877286 R05-M1-NC-C:J14-U11 RAS KERNEL INFO 8 floating point alignment exceptions
- 1122430675 2005.07.26 R21-M1-N2-C:J12-U11 2005-07-26-19.17.55.987174 R21-M1-N2-C:J12-U11 RAS KERNEL INFO generating core.45245
- 1125084127 2005.08.26 R66-M1-ND-C:J15-U01 2005-08-26-12.22.07.689504 R66-M1-ND-C:J15-U01 RAS KERNEL INFO iar 003a929c dear 01291228
- 1127243536 2005.09.20 NULL 2005-09-20-12.12.16.117396 NULL RAS MMCS ERROR idoproxydb hit ASSERT condition: ASSERT expression=0 Source file=idotransportmgr.cpp Source line=1043 Function=int IdoTransportMgr::SendPacket(IdoUdpMgr*, BglCtlPavTrace*)
- 1131059607 2005.11.03 R67-M0-N5-C:J04-U11 2005-11-03-15.13.27.784212 R67-M0-N5-C:J04-U11 RAS KERNEL INFO iar 001061dc dear 0244c28c
081109 204324 34 INFO dfs.FSNamesystem: BLOCK* NameSystem.addStoredBlock: blockMap updated: 10.251.203.80:50010 is added to blk_7888946331804732825 size 67108864
081109 235138 3469 INFO dfs.DataNode$PacketResponder: PacketResponder 0 for block blk_549647953114643908 terminating
081110 015600 28 INFO dfs.FSNamesystem: BLOCK* NameSystem.allocateBlock: /user/root/randtxt/_temporary/_task_200811092030_0003_m_001817_0/part-01817. blk_3291173852929756766
081110 103111 30 INFO dfs.FSNamesystem: BLOCK* NameSystem.delete: blk_-6255015379143356507 is added to invalidSet of 10.251.111.37:50010
081110 105521 9428 INFO dfs.DataNode$PacketResponder: Received block blk_-2141627858612526069 of size 67108864 from /10.251.111.37
081110 122609 26 INFO dfs.FSNamesystem: BLOCK* NameSystem.addStoredBlock: blockMap updated: 10.251.123.195:50010 is added to blk_3911263675181899748 size 67108864
081110 163945 13711 WARN dfs.DataNode$DataXceiver: 10.251.30.101:50010:Got exception while serving blk_-5340885607150360719 to /10.251.30.101:
081110 212051 26 INFO dfs.FSNamesystem: BLOCK* NameSystem.addStoredBlock: blockMap updated: 10.251.39.144:50010 is added to blk_-5542336029922582303 size 67108864
081110 223000 16174 INFO dfs.DataNode$PacketResponder: Received block blk_5174461779237739025 of size 67108864 from /10.250.14.143
081111 023914 17773 INFO dfs.DataNode$DataXceiver: 10.251.122.65:50010 Served block blk_2866275036574950116 to /10.250.11.53
081111 040653 26 INFO dfs.FSNamesystem: BLOCK* NameSystem.addStoredBlock: blockMap updated: 10.251.42.16:50010 is added to blk_3954386352306480748 size 67108864
081111 050307 20305 INFO dfs.DataNode$DataXceiver: Receiving block blk_9074726164158535746 src: /10.251.214.32:34409 dest: /10.251.214.32:50010
081111 065217 26 INFO dfs.FSNamesystem: BLOCK* NameSystem.delete: blk_5505696082121135363 is added to invalidSet of 10.251.214.130:50010
438190 node-228 unix.hw state_change.unavailable 1097194780 1 Component State Change: Component \042alt0\042 is in the unavailable state (HWID=3713)
194301 node-185 action start 1131242355 1 wait  (command 3981)
119082 Interconnect-0N00 switch_module fan 1129155045 1 Fan speeds ( 3552 3534 3375 4530 3515 3479 )
2608517 full partition status 1074462770 1 running
371329 full partition status 1085797473 1 running
56256 node-105 node status 1126814969 0 running
300050 gige7 gige temperature 1081830909 1 normal
452434 node-203 node temperature 1098866010 1 ambient=30
98251 gige5 gige temperature 1110349933 1 normal
313169 node-176 node temperature 1122334380 1 ambient=35
167414 gige7 gige temperature 1130878335 1 warning
2558082 Interconnect-1N01 switch_module error 1073073636 1 Link ok
77224 Interconnect-0N00 switch_module error 1077215336 1 Linkerror event interval expired
2015-10-18 18:01:50,556 INFO [main] org.apache.hadoop.yarn.event.AsyncDispatcher: Registering class org.apache.hadoop.mapreduce.jobhistory.EventType for class org.apache.hadoop.mapreduce.jobhistory.JobHistoryEventHandler
2015-10-18 18:01:57,916 INFO [RMCommunicator Allocator] org.apache.hadoop.mapreduce.v2.app.rm.RMContainerAllocator: Recalculating schedule, headroom=<memory:7168, vCores:-20>
2015-10-18 18:02:38,200 INFO [RMCommunicator Allocator] org.apache.hadoop.mapreduce.v2.app.rm.RMContainerAllocator: Recalculating schedule, headroom=<memory:0, vCores:-27>
2015-10-18 18:03:15,921 INFO [IPC Server handler 12 on 62270] org.apache.hadoop.mapred.TaskAttemptListenerImpl: Progress of TaskAttempt attempt_1445144423722_0020_m_000003_0 is : 0.20639901
2015-10-18 18:03:55,595 INFO [ContainerLauncher #5] org.apache.hadoop.mapreduce.v2.app.launcher.ContainerLauncherImpl: Launching attempt_1445144423722_0020_m_000005_0
2015-10-18 18:04:10,002 INFO [RMCommunicator Allocator] org.apache.hadoop.mapreduce.v2.app.rm.RMContainerRequestor: getResources() for application_1445144423722_0020: ask=4 release= 0 newContainers=1 finishedContainers=0 resourcelimit=<memory:0, vCores:-27> knownNMs=4
2015-10-18 18:04:46,661 INFO [IPC Server handler 22 on 62270] org.apache.hadoop.mapred.TaskAttemptListenerImpl: Progress of TaskAttempt attempt_1445144423722_0020_m_000008_0 is : 0.27811313
2015-10-18 18:05:59,725 WARN [LeaseRenewer:msrabi@msra-sa-41:9000] org.apache.hadoop.ipc.Client: Address change detected. Old: msra-sa-41/10.190.173.170:9000 New: msra-sa-41:9000
2015-10-18 18:06:28,092 WARN [LeaseRenewer:msrabi@msra-sa-41:9000] org.apache.hadoop.ipc.Client: Address change detected. Old: msra-sa-41/10.190.173.170:9000 New: msra-sa-41:9000
2015-10-18 18:06:59,203 WARN [LeaseRenewer:msrabi@msra-sa-41:9000] org.apache.hadoop.ipc.Client: Address change detected. Old: msra-sa-41/10.190.173.170:9000 New: msra-sa-41:9000
2015-10-18 18:07:36,393 WARN [LeaseRenewer:msrabi@msra-sa-41:9000] org.apache.hadoop.ipc.Client: Address change detected. Old: msra-sa-41/10.190.173.170:9000 New: msra-sa-41:9000
2015-10-18 18:08:13,536 WARN [LeaseRenewer:msrabi@msra-sa-41:9000] org.apache.hadoop.hdfs.LeaseRenewer: Failed to renew lease for [DFSClient_NONMAPREDUCE_1537864556_1] for 196 seconds.  Will retry shortly ...
2015-10-18 18:08:50,585 WARN [LeaseRenewer:msrabi@msra-sa-41:9000] org.apache.hadoop.hdfs.LeaseRenewer: Failed to renew lease for [DFSClient_NONMAPREDUCE_1537864556_1] for 233 seconds.  Will retry shortly ...
20171223-22:15:29:636|Step_SPUtils|30002312|setTodayTotalDetailSteps=1514038440000##7007##548365##8661##12361##27173954
20171223-22:15:39:655|Step_SPUtils|30002312| getTodayTotalDetailSteps = 1514038440000##7024##548365##8661##13881##27183469
20171223-22:15:52:183|Step_StandReportReceiver|30002312|REPORT : 7044 5029 150882 240
20171223-22:17:25:151|Step_SPUtils|30002312|setTodayTotalDetailSteps=1514038560000##7074##548562##8661##16256##27289470
20171223-22:17:54:864|Step_LSC|30002312|onExtend:1514038675000 1 0 4
20171223-22:19:12:162|Step_ExtSDM|30002312|calculateCaloriesWithCache totalCalories=129602
20171223-22:19:58:516|HiH_HiSyncControl|30002312|startSync hiSyncOption = HiSyncOption{syncAction=2, syncMethod=2, syncScope=0, syncDataType=20000, syncModel=2, pushAction=0},app = 1 who = 1
20171223-22:24:22:204|Step_StandReportReceiver|30002312|onReceive action: android.intent.action.SCREEN_ON
20171223-22:37:15:240|Step_SPUtils|30002312| getTodayTotalDetailSteps = 1514039520000##7189##549659##8661##16256##28270935
20171223-22:53:1:227|Step_StandReportReceiver|30002312|REPORT : 7189 5132 153988 240
20171223-23:8:19:116|Step_LSC|30002312|onExtend:1514041699000 0 0 5
20171223-23:14:52:424|Step_ExtSDM|30002312|calculateAltitudeWithCache totalAltitude=240
20171223-23:40:10:150|Step_LSC|30002312|onExtend:1514043610000 0 0 5
Jun 15 02:04:59 combo sshd(pam_unix)[20885]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=220-135-151-1.hinet-ip.hinet.net  user=root
Jun 18 04:07:05 combo su(pam_unix)[31791]: session opened for user cyrus by (uid=0)
Jun 22 13:16:31 combo ftpd[17883]: connection from 210.245.165.136 () at Wed Jun 22 13:16:31 2005 
Jun 28 08:10:25 combo sshd(pam_unix)[11519]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=61.53.154.93  user=root
Jun 30 19:03:01 combo sshd(pam_unix)[19093]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=60.30.224.116  user=root
Jul  1 09:14:44 combo sshd(pam_unix)[22106]: session closed for user test
Jul  4 12:52:44 combo ftpd[2822]: connection from 63.197.98.106 (adsl-63-197-98-106.dsl.mtry01.pacbell.net) at Mon Jul  4 12:52:44 2005 
Jul  7 16:33:52 combo ftpd[13521]: connection from 202.82.200.188 () at Thu Jul  7 16:33:52 2005 
Jul  9 22:53:22 combo ftpd[24074]: connection from 206.196.21.129 (host129.206.196.21.maximumasp.com) at Sat Jul  9 22:53:22 2005 
Jul 10 16:02:34 combo sshd(pam_unix)[30612]: authentication failure; logname= uid=0 euid=0 tty=NODEVssh ruser= rhost=150.183.249.110  user=root
Jul 15 04:10:46 combo su(pam_unix)[13611]: session closed for user news
Jul 17 12:30:43 combo ftpd[24196]: connection from 207.30.238.8 (host8.topspot.net) at Sun Jul 17 12:30:43 2005 
Jul 18 03:26:49 combo ftpd[25648]: connection from 211.72.151.162 () at Mon Jul 18 03:26:49 2005 
Jul  1 09:03:13 calvisitor-10-105-160-95 kernel[0]: ARPT: 620749.901374: IOPMPowerSource Information: onSleep,  SleepType: Normal Sleep,  'ExternalConnected': Yes, 'TimeRemaining': 0,
Jul  1 11:55:24 calvisitor-10-105-160-95 com.apple.cts[258]: com.apple.EscrowSecurityAlert.daily: scheduler_evaluate_activity told me to run this job; however, but the start time isn't for 4187 seconds.  Ignoring.
Jul  2 15:33:55 calvisitor-10-105-163-202 kernel[0]: AppleCamIn::systemWakeCall - messageType = 0xE0000300
Jul  3 04:43:26 authorMacBook-Pro kernel[0]: AppleCamIn::wakeEventHandlerThread
Jul  3 15:15:13 calvisitor-10-105-160-237 kernel[0]: Bluetooth -- LE is supported - Disable LE meta event
Jul  3 18:58:18 authorMacBook-Pro networkd[195]: nw_nat64_post_new_ifstate successfully changed NAT64 ifstate from 0x8000000000000000 to 0x4
Jul  4 06:26:04 calvisitor-10-105-162-105 com.apple.AddressBook.InternetAccountsBridge[34408]: dnssd_clientstub ConnectToServer: connect()-> No of tries: 2
Jul  4 12:06:39 calvisitor-10-105-162-105 kernel[0]: Sandbox: com.apple.Addres(34830) deny(1) network-outbound /private/var/run/mDNSResponder
Jul  4 23:10:17 calvisitor-10-105-162-105 kernel[0]: IOThunderboltSwitch<0>(0x0)::listenerCallback - Thunderbolt HPD packet for route = 0x0 port = 12 unplug = 0
Jul  5 03:49:12 calvisitor-10-105-163-10 kernel[0]: Wake reason: RTC (Alarm)
Jul  5 17:27:05 authorMacBook-Pro locationd[82]: Location icon should now be in state 'Inactive'
Jul  6 12:02:58 authorMacBook-Pro corecaptured[36918]: CCFile::captureLogRun() Exiting CCFile::captureLogRun
Jul  6 20:05:04 calvisitor-10-105-162-178 WeChat[24144]: jemmytest
Dec 10 06:55:48 LabSZ sshd[24200]: Connection closed by 173.234.31.186 [preauth]
Dec 10 07:34:23 LabSZ sshd[24299]: Failed password for root from 123.235.32.19 port 57100 ssh2
Dec 10 08:33:24 LabSZ sshd[24385]: Invalid user support from 103.207.39.212
Dec 10 09:11:48 LabSZ sshd[24458]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=103.99.0.122  user=uucp
Dec 10 09:12:57 LabSZ sshd[24487]: pam_unix(sshd:auth): check pass; user unknown
Dec 10 09:15:44 LabSZ sshd[24571]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=187.141.143.180  user=root
Dec 10 09:17:52 LabSZ sshd[24622]: input_userauth_request: invalid user vnc [preauth]
Dec 10 09:19:39 LabSZ sshd[24665]: Failed password for invalid user magnos from 187.141.143.180 port 55517 ssh2
Dec 10 10:54:41 LabSZ sshd[24884]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=183.62.140.253  user=root
Dec 10 10:55:54 LabSZ sshd[24964]: input_userauth_request: invalid user 123 [preauth]
Dec 10 10:57:26 LabSZ sshd[25056]: Received disconnect from 183.62.140.253: 11: Bye Bye [preauth]
Dec 10 10:59:00 LabSZ sshd[25158]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 tty=ssh ruser= rhost=183.62.140.253  user=root
Dec 10 11:00:28 LabSZ sshd[25252]: Failed password for root from 183.62.140.253 port 45203 ssh2
nova-compute.log.1.2017-05-16_13:55:31 2017-05-16 00:00:04.500 2931 INFO nova.compute.manager [req-3ea4052c-895d-4b64-9e2d-04d64c4d94ab - - - - -] [instance: b9000564-fe1a-409b-b8cc-1e88b294cd1d] VM Started (Lifecycle Event)
nova-compute.log.1.2017-05-16_13:55:31 2017-05-16 00:00:59.446 2931 INFO nova.compute.manager [req-d473bea3-588a-441a-8b2a-a137806f8786 113d3a99c3da401fbd62cc2caa5b96d2 54fadb412c4e40cdbaed9335e4c35a9e - - -] [instance: 96abccce-8d1f-4e07-b6d1-4b2ab87e23b4] Terminating instance
nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:02:01.197 25746 INFO nova.osapi_compute.wsgi.server [req-45d4275d-2214-4159-b61e-168da60fc29d 113d3a99c3da401fbd62cc2caa5b96d2 54fadb412c4e40cdbaed9335e4c35a9e - - -] 10.11.10.1 "GET /v2/54fadb412c4e40cdbaed9335e4c35a9e/servers/detail HTTP/1.1" status: 200 len: 1893 time: 0.2567871
nova-compute.log.1.2017-05-16_13:55:31 2017-05-16 00:03:00.303 2931 INFO nova.virt.libvirt.imagecache [req-addc1839-2ed5-4778-b57e-5854eb7b8b09 - - - - -] Active base files: /var/lib/nova/instances/_base/a489c868f0c37da93b76227c91bb03908ac0e742
nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:03:59.088 25746 INFO nova.osapi_compute.wsgi.server [req-9c29c95b-af64-4c50-b94c-5e9c11ed5386 113d3a99c3da401fbd62cc2caa5b96d2 54fadb412c4e40cdbaed9335e4c35a9e - - -] 10.11.10.1 "GET /v2/54fadb412c4e40cdbaed9335e4c35a9e/servers/detail HTTP/1.1" status: 200 len: 1759 time: 0.2832489
nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:04:59.977 25746 INFO nova.osapi_compute.wsgi.server [req-5f1c2027-e1b0-43f1-b6d3-694f483a69be 113d3a99c3da401fbd62cc2caa5b96d2 54fadb412c4e40cdbaed9335e4c35a9e - - -] 10.11.10.1 "GET /v2/54fadb412c4e40cdbaed9335e4c35a9e/servers/detail HTTP/1.1" status: 200 len: 1893 time: 0.2732208
nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:05:51.742 25746 INFO nova.api.openstack.wsgi [req-3e88afc7-0acc-498b-b3ab-9a74aad4e4fa f7b8d1f1d4d44643b07fa10ca7d021fb e9746973ac574c6b8a9e8857f56a7608 - - -] HTTP exception thrown: No instances found for any event
nova-compute.log.1.2017-05-16_13:55:31 2017-05-16 00:06:56.781 2931 INFO nova.compute.manager [req-3ea4052c-895d-4b64-9e2d-04d64c4d94ab - - - - -] [instance: 63a0d960-70b6-44c6-b606-491478a5cadf] VM Paused (Lifecycle Event)
nova-compute.log.1.2017-05-16_13:55:31 2017-05-16 00:07:50.141 2931 INFO nova.virt.libvirt.imagecache [req-addc1839-2ed5-4778-b57e-5854eb7b8b09 - - - - -] image 0673dd71-34c5-4fbb-86c4-40623fbe45b4 at (/var/lib/nova/instances/_base/a489c868f0c37da93b76227c91bb03908ac0e742): checking
nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:08:49.319 25746 INFO nova.osapi_compute.wsgi.server [req-e2337654-a816-4dff-9610-c34d22b07019 113d3a99c3da401fbd62cc2caa5b96d2 54fadb412c4e40cdbaed9335e4c35a9e - - -] 10.11.10.1 "GET /v2/54fadb412c4e40cdbaed9335e4c35a9e/servers/detail HTTP/1.1" status: 200 len: 1759 time: 0.2732439
nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:09:45.160 25746 INFO nova.osapi_compute.wsgi.server [req-d7f4eacc-a714-40ec-8b5b-b43ac80269f1 113d3a99c3da401fbd62cc2caa5b96d2 54fadb412c4e40cdbaed9335e4c35a9e - - -] 10.11.10.1 "GET /v2/54fadb412c4e40cdbaed9335e4c35a9e/servers/detail HTTP/1.1" status: 200 len: 1893 time: 0.2638071
nova-compute.log.1.2017-05-16_13:55:31 2017-05-16 00:10:38.836 2931 INFO nova.virt.libvirt.driver [req-d3ff0250-98e8-4ed4-945b-3a67bfe78507 113d3a99c3da401fbd62cc2caa5b96d2 54fadb412c4e40cdbaed9335e4c35a9e - - -] [instance: be793e89-2cc3-4f99-9884-9c6a624a84bc] Deletion of /var/lib/nova/instances/be793e89-2cc3-4f99-9884-9c6a624a84bc_del complete
nova-api.log.1.2017-05-16_13:53:08 2017-05-16 00:11:43.981 25746 INFO nova.osapi_compute.wsgi.server [req-96bb2855-71cc-4c4c-8ffb-03336d12219e 113d3a99c3da401fbd62cc2caa5b96d2 54fadb412c4e40cdbaed9335e4c35a9e - - -] 10.11.10.1 "GET /v2/54fadb412c4e40cdbaed9335e4c35a9e/servers/detail HTTP/1.1" status: 200 len: 1893 time: 0.3673830
[10.30 16:49:07] chrome.exe - proxy.cse.cuhk.edu.hk:5070 open through proxy proxy.cse.cuhk.edu.hk:5070 HTTPS
[10.30 16:49:54] chrome.exe - proxy.cse.cuhk.edu.hk:5070 open through proxy proxy.cse.cuhk.edu.hk:5070 HTTPS
[10.30 17:20:20] chrome.exe - proxy.cse.cuhk.edu.hk:5070 open through proxy proxy.cse.cuhk.edu.hk:5070 HTTPS
[10.30 17:47:23] QQ.exe - cgi.qqweb.qq.com:80 open through proxy proxy.cse.cuhk.edu.hk:5070 HTTPS
[10.30 20:39:46] chrome.exe - proxy.cse.cuhk.edu.hk:5070 close, 2279 bytes (2.22 KB) sent, 279 bytes received, lifetime 00:02
[10.30 20:44:55] chrome.exe - proxy.cse.cuhk.edu.hk:5070 open through proxy proxy.cse.cuhk.edu.hk:5070 HTTPS
[10.30 20:47:40] chrome.exe - proxy.cse.cuhk.edu.hk:5070 close, 0 bytes sent, 0 bytes received, lifetime 00:08
[10.30 21:12:56] YodaoDict.exe - oimageb5.ydstatic.com:80 error : A connection request was canceled before the completion. 
[07.26 13:47:37] chrome.exe *64 - news.4399.com:80 open through proxy proxy.cse.cuhk.edu.hk:5070 HTTPS
[07.26 14:51:31] chrome.exe *64 - sclick.baidu.com:80 close, 1971 bytes (1.92 KB) sent, 401 bytes received, lifetime 00:08
[07.26 15:30:26] chrome.exe *64 - gtms03.alicdn.com:80 open through proxy proxy.cse.cuhk.edu.hk:5070 HTTPS
[07.26 17:05:27] GitHub.exe - api.github.com:443 close, 845 bytes sent, 4814 bytes (4.70 KB) received, lifetime 00:11
[07.26 18:04:49] chrome.exe *64 - c.trello.com:443 open through proxy proxy.cse.cuhk.edu.hk:5070 HTTPS
17/06/09 20:10:41 INFO spark.SecurityManager: SecurityManager: authentication disabled; ui acls disabled; users with view permissions: Set(yarn, curi); users with modify permissions: Set(yarn, curi)
17/06/09 20:10:52 INFO storage.BlockManager: Found block rdd_2_4 locally
17/06/09 20:10:53 INFO storage.MemoryStore: Block broadcast_15 stored as values in memory (estimated size 9.2 KB, free 416.6 KB)
17/06/09 20:10:54 INFO broadcast.TorrentBroadcast: Reading broadcast variable 19 took 12 ms
17/06/09 20:10:55 INFO storage.MemoryStore: Block broadcast_23_piece0 stored as bytes in memory (estimated size 5.4 KB, free 378.2 KB)
17/06/09 20:10:55 INFO executor.Executor: Running task 4.0 in stage 18.0 (TID 759)
17/06/09 20:10:56 INFO executor.Executor: Running task 4.0 in stage 22.0 (TID 919)
17/06/09 20:10:57 INFO python.PythonRunner: Times: total = 40, boot = -400, init = 440, finish = 0
17/06/09 20:10:58 INFO output.FileOutputCommitter: File Output Committer Algorithm version is 1
17/06/09 20:11:08 INFO python.PythonRunner: Times: total = 45, boot = 19, init = 26, finish = 0
17/06/09 20:11:08 INFO executor.CoarseGrainedExecutorBackend: Got assigned task 1226
17/06/09 20:11:08 INFO executor.Executor: Running task 4.0 in stage 27.0 (TID 1244)
17/06/09 20:11:09 INFO executor.Executor: Running task 29.0 in stage 27.0 (TID 1269)
- 1131566461 2005.11.09 dn3 Nov 9 12:01:01 dn3/dn3 crond(pam_unix)[2907]: session closed for user root
- 1131566502 2005.11.09 tbird-sm1 Nov 9 12:01:42 src@tbird-sm1 ib_sm.x[24904]: [ib_sm_sweep.c:1455]: No topology change
- 1131566554 2005.11.09 tbird-sm1 Nov 9 12:02:34 src@tbird-sm1 ib_sm.x[24904]: [ib_sm_sweep.c:1831]: ********************** NEW SWEEP ********************
- 1131566635 2005.11.09 tbird-admin1 Nov 9 12:03:55 local@tbird-admin1 /apps/x86_64/system/ganglia-3.0.1/sbin/gmetad[1682]: data_thread() got not answer from any [Thunderbird_A4] datasource
- 1131566691 2005.11.09 tbird-admin1 Nov 9 12:04:51 local@tbird-admin1 /apps/x86_64/system/ganglia-3.0.1/sbin/gmetad[1682]: data_thread() got not answer from any [Thunderbird_D4] datasource
- 1131566763 2005.11.09 bn148 Nov 9 12:06:03 bn148/bn148 ntpd[22814]: synchronized to 10.100.18.250, stratum 3
- 1131566829 2005.11.09 tbird-admin1 Nov 9 12:07:09 local@tbird-admin1 /apps/x86_64/system/ganglia-3.0.1/sbin/gmetad[1682]: data_thread() got not answer from any [Thunderbird_B6] datasource
- 1131566906 2005.11.09 cn215 Nov 9 12:08:26 cn215/cn215 ntpd[10640]: synchronized to 10.100.16.250, stratum 3
- 1131566970 2005.11.09 tbird-admin1 Nov 9 12:09:30 local@tbird-admin1 /apps/x86_64/system/ganglia-3.0.1/sbin/gmetad[1682]: data_thread() got not answer from any [Thunderbird_A8] datasource
- 1131567036 2005.11.09 tbird-admin1 Nov 9 12:10:36 local@tbird-admin1 /apps/x86_64/system/ganglia-3.0.1/sbin/gmetad[1682]: data_thread() got not answer from any [Thunderbird_B6] datasource
- 1131567043 2005.11.09 tbird-admin1 Nov 9 12:10:43 local@tbird-admin1 e1000: eth0: e1000_watchdog: NIC Link is Up 1000 Mbps Full Duplex
- 1131567054 2005.11.09 tbird-admin1 Nov 9 12:10:54 local@tbird-admin1 gmetad: Warning: we failed to resolve data source name bn910 bn911 bn912 bn913 bn914 bn915 bn916 bn917 bn918 bn919 bn920 bn921 bn922 bn923 bn924 bn925 bn926 bn927 bn928 bn929 bn930 bn931 bn932 bn933 bn934 bn935 bn936 bn937 bn938 bn939 bn940 bn941 bn942 bn943 bn944 bn945 bn946 bn947 bn948 bn949 bn950 bn951 bn952 bn953 bn954 bn955 bn956 bn957 bn958 bn959 bn960 bn961 bn962 bn963 bn964 bn965 bn966 bn967 bn968 bn969 bn970 bn971 bn972 bn973 bn974 bn975 bn976 bn977 bn978 bn979 bn980 bn981 bn982 bn983 bn984 bn985 bn986 bn987 bn988 bn989 bn990 bn991 bn992 bn993 bn994 bn995 bn996 bn997 bn998 bn999 bn1000 bn1001 bn1002 bn1003 bn1004 bn1005 bn1006 bn1007 bn1008 bn1009 bn1010 bn1011 bn1012 bn1013 bn1014 bn1015 bn1016 bn1017 bn1018 bn1019 bn1020 bn1021 bn1022 bn1023 bn1024
- 1131567090 2005.11.09 tbird-sm1 Nov 9 12:11:30 src@tbird-sm1 ib_sm.x[24904]: [ib_sm_sweep.c:1455]: No topology change
2016-09-28 04:30:31, Info                  CBS    TrustedInstaller service starts successfully.
2016-09-28 04:30:32, Info                  CBS    Warning: Unrecognized packageExtended attribute.
2016-09-28 04:30:33, Info                  CBS    Failed to get next element [HRESULT = 0x800f080d - CBS_E_MANIFEST_INVALID_ITEM]
2016-09-28 04:30:35, Info                  CBS    Session: 30546174_10517608 initialized by client WindowsUpdateAgent.
2016-09-28 04:30:39, Info                  CBS    Read out cached package applicability for package: Package_for_KB2809215~31bf3856ad364e35~amd64~~6.1.1.1, ApplicableState: 112, CurrentState:0
2016-09-28 04:30:44, Info                  CBS    Session: 30546174_101102789 initialized by client WindowsUpdateAgent.
2016-09-28 04:30:50, Info                  CBS    Session: 30546174_155755915 initialized by client WindowsUpdateAgent.
2016-09-28 04:30:53, Info                  CBS    Read out cached package applicability for package: Package_for_KB3004375~31bf3856ad364e35~amd64~~6.1.3.1, ApplicableState: 112, CurrentState:112
2016-09-29 00:01:47, Info                  CBS    Expecting attribute name [HRESULT = 0x800f080d - CBS_E_MANIFEST_INVALID_ITEM]
2016-09-29 02:03:46, Info                  CBS    Failed to get next element [HRESULT = 0x800f080d - CBS_E_MANIFEST_INVALID_ITEM]
2016-09-29 02:03:48, Info                  CBS    Expecting attribute name [HRESULT = 0x800f080d - CBS_E_MANIFEST_INVALID_ITEM]
2016-09-29 02:03:49, Info                  CBS    Failed to internally open package. [HRESULT = 0x800f0805 - CBS_E_INVALID_PACKAGE]
2016-09-29 02:04:05, Info                  CBS    Session: 30546354_3008494257 initialized by client WindowsUpdateAgent.
2015-07-29 19:13:24,370 - INFO  [/10.10.34.11:3888:QuorumCnxManager$Listener@493] - Received connection request /10.10.34.13:57707
2015-07-29 19:23:56,838 - WARN  [RecvWorker:188978561024:QuorumCnxManager$RecvWorker@765] - Interrupting SendWorker
2015-07-29 19:30:08,802 - WARN  [RecvWorker:188978561024:QuorumCnxManager$RecvWorker@762] - Connection broken for id 188978561024, my id = 1, error = 
2015-07-29 19:34:02,725 - WARN  [SendWorker:188978561024:QuorumCnxManager$SendWorker@679] - Interrupted while waiting for message on queue
2015-07-30 16:18:36,818 - WARN  [NIOServerCxn.Factory:0.0.0.0/0.0.0.0:2181:ZooKeeperServer@793] - Connection request from old client /10.10.34.20:56418; will be dropped if server is in r-o mode
2015-08-24 18:31:14,142 - WARN  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:QuorumCnxManager@368] - Cannot open channel to 3 at election address /10.10.34.13:3888
2015-07-29 19:21:35,084 - WARN  [RecvWorker:188978561024:QuorumCnxManager$RecvWorker@762] - Connection broken for id 188978561024, my id = 2, error = 
2015-07-29 19:26:17,799 - INFO  [/10.10.34.12:3888:QuorumCnxManager$Listener@493] - Received connection request /10.10.34.12:55803
2015-07-29 19:30:57,395 - WARN  [SendWorker:188978561024:QuorumCnxManager$SendWorker@688] - Send worker leaving thread
2015-07-29 19:34:54,649 - WARN  [RecvWorker:188978561024:QuorumCnxManager$RecvWorker@765] - Interrupting SendWorker
2015-07-30 15:35:08,822 - INFO  [CommitProcessor:2:ZooKeeperServer@595] - Established session 0x24ed93119420091 with negotiated timeout 10000 for client /10.10.34.40:47629
2015-08-20 17:14:24,000 - INFO  [SessionTracker:ZooKeeperServer@325] - Expiring session 0x14f3fdae8ba000c, timeout of 10000ms exceeded
2015-07-29 19:24:53,035 - WARN  [RecvWorker:188978561024:QuorumCnxManager$RecvWorker@765] - Interrupting SendWorker
"""#

let cleanLogLineCount = 208
