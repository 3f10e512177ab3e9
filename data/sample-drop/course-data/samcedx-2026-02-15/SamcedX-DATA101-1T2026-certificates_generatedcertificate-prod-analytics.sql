id	user_id	download_url	grade	course_id	key	distinction	status	verify_uuid	download_uuid	name	created_date	modified_date	error_reason	mode
5501	1018		0.75	course-v1:SamcedX+DATA101+1T2026		0	audit_passing			Tomas Andersson	2026-02-11 10:01:01	2026-02-11 10:01:01		audit
5502	1012		1.0	course-v1:SamcedX+DATA101+1T2026	18b3786f2e74b0f0ab8f2c371d4478cd	0	downloadable	18b3786f2e74b0f0ab8f2c371d4478cd	dc8744d173c2f8ba0f0b47e2f6873b81	Maja Moreau	2026-02-11 10:02:02	2026-02-11 10:02:02		verified
5503	1019		0.83	course-v1:SamcedX+DATA101+1T2026		0	audit_passing			Hugo Andersson	2026-02-11 10:03:03	2026-02-11 10:03:03		audit
5504	1010		1.0	course-v1:SamcedX+DATA101+1T2026		0	audit_passing			Erik Rossi	2026-02-11 10:04:04	2026-02-11 10:04:04		audit
5505	1017		0.92	course-v1:SamcedX+DATA101+1T2026	da483e1e3f381714b47f05c51f2a005e	0	downloadable	da483e1e3f381714b47f05c51f2a005e	e500a2f15c50f74b417183f3e1e384ad	Aiko Moreau	2026-02-11 10:05:05	2026-02-11 10:05:05		honor
5506	1002		0.5	course-v1:SamcedX+DATA101+1T2026		0	notpassing			Noah Lindqvist	2026-02-11 10:06:06	2026-02-11 10:06:06		honor
5507	1009		0.92	course-v1:SamcedX+DATA101+1T2026		0	audit_passing			Noah Tanaka	2026-02-11 10:07:07	2026-02-11 10:07:07		audit
5508	1014		0.67	course-v1:SamcedX+DATA101+1T2026		0	audit_passing			Ines Patel	2026-02-11 10:08:08	2026-02-11 10:08:08		audit
5509	1011		1.0	course-v1:SamcedX+DATA101+1T2026	f5b1d674ec4589e1d8d59e912fb551a0	0	downloadable	f5b1d674ec4589e1d8d59e912fb551a0	0a155bf219e95d8d1e9854ce476d1b5f	Ravi Kim	2026-02-11 10:09:09	2026-02-11 10:09:09		verified
5510	1007		0.75	course-v1:SamcedX+DATA101+1T2026		0	audit_passing			Felix Lindqvist	2026-02-11 10:10:10	2026-02-11 10:10:10		audit
5511	1020		0.5	course-v1:SamcedX+DATA101+1T2026		0	audit_notpassing			Amara Rossi	2026-02-11 10:11:11	2026-02-11 10:11:11		audit
5512	1015		0.42	course-v1:SamcedX+DATA101+1T2026		0	audit_notpassing			Zoë Nguyen	2026-02-11 10:12:12	2026-02-11 10:12:12		audit
5513	1006		0.67	course-v1:SamcedX+DATA101+1T2026	a5a3d9ee6a36d63aa353484f1ef660d1	0	downloadable	a5a3d9ee6a36d63aa353484f1ef660d1	1d066fe1f484353aa36d63a6ee9d3a5a	Anna "Ann" Moreau	2026-02-11 10:13:13	2026-02-11 10:13:13		verified
5514	1016		0.83	course-v1:SamcedX+DATA101+1T2026	5107c7f58c03571de2d71741e30b4f7c	0	downloadable	5107c7f58c03571de2d71741e30b4f7c	c7f4b03e14717d2ed17530c85f7c7015	Felix Nguyen	2026-02-11 10:14:14	2026-02-11 10:14:14		honor
5515	1013		0.75	course-v1:SamcedX+DATA101+1T2026		0	audit_passing			Lucas Lindqvist	2026-02-11 10:15:15	2026-02-11 10:15:15		audit
5516	1008		0.75	course-v1:SamcedX+DATA101+1T2026	fd67aee1c8e91a8c4f76a9ffa9a6a353	0	downloadable	fd67aee1c8e91a8c4f76a9ffa9a6a353	353a6a9aff9a67f4c8a19e8c1eea76df	Jonas Kim	2026-02-11 10:16:16	2026-02-11 10:16:16		honor
5517	1028		0.92	course-v1:SamcedX+DATA101+1T2026		0	audit_passing			Felix Fischer	2026-02-11 10:17:17	2026-02-11 10:17:17		audit
5518	1021		0.92	course-v1:SamcedX+DATA101+1T2026		0	audit_passing			Oskar Berg	2026-02-11 10:18:18	2026-02-11 10:18:18		audit
5519	1022		0.83	course-v1:SamcedX+DATA101+1T2026	da33d6a27530c495081c9281fabc1dca	0	downloadable	da33d6a27530c495081c9281fabc1dca	acd1cbaf1829c180594c03572a6d33ad	Zara Lindqvist	2026-02-11 10:19:19	2026-02-11 10:19:19		verified
5520	1038		0.83	course-v1:SamcedX+DATA101+1T2026	ba8ee0299f6de02a4b7477c7d3cab1c6	0	downloadable	ba8ee0299f6de02a4b7477c7d3cab1c6	6c1bac3d7c7747b4a20ed6f9920ee8ab	Mei Tanaka	2026-02-11 10:20:20	2026-02-11 10:20:20		honor
5521	1037		0.92	course-v1:SamcedX+DATA101+1T2026		0	audit_passing			Oskar Fischer	2026-02-11 10:21:21	2026-02-11 10:21:21		audit
5522	1036		0.92	course-v1:SamcedX+DATA101+1T2026		0	audit_passing			Alva Mensah	2026-02-11 10:22:22	2026-02-11 10:22:22		audit
5523	1039		0.67	course-v1:SamcedX+DATA101+1T2026	8f37e31b4d7930c2eabecbb5a42f6067	0	downloadable	8f37e31b4d7930c2eabecbb5a42f6067	7606f24a5bbcebae2c0397d4b13e73f8	Priya Ekström	2026-02-11 10:23:23	2026-02-11 10:23:23		verified
5524	1032		0.5	course-v1:SamcedX+DATA101+1T2026		0	audit_notpassing			Émile Dubois	2026-02-11 10:24:24	2026-02-11 10:24:24		audit
5525	1024		0.83	course-v1:SamcedX+DATA101+1T2026	be3a12230ae94f9524232809539b4446	0	downloadable	be3a12230ae94f9524232809539b4446	6444b9359082324259f49ea03221a3eb	Oskar Håkansson	2026-02-11 10:25:25	2026-02-11 10:25:25		verified
5526	1025		1.0	course-v1:SamcedX+DATA101+1T2026	e623563e58d55375a85410678bf1aaee	0	downloadable	e623563e58d55375a85410678bf1aaee	eeaa1fb87601458a57355d85e365326e	Björn Moreau	2026-02-11 10:26:26	2026-02-11 10:26:26		verified
5527	1029		0.92	course-v1:SamcedX+DATA101+1T2026		0	audit_passing			Jonas Novak	2026-02-11 10:27:27	2026-02-11 10:27:27		audit
5528	1030		0.75	course-v1:SamcedX+DATA101+1T2026	0746c877506ec2aff89e8ff9d20ffc41	0	downloadable	0746c877506ec2aff89e8ff9d20ffc41	14cff02d9ff8e98ffa2ce605778c6470	Freya Andersson	2026-02-11 10:28:28	2026-02-11 10:28:28		honor
5529	1023		0.83	course-v1:SamcedX+DATA101+1T2026	5665dcf95b1c999652427f1d7529bdf1	0	downloadable	5665dcf95b1c999652427f1d7529bdf1	1fdb9257d1f724256999c1b59fcd5665	Diego Ivanova	2026-02-11 10:29:29	2026-02-11 10:29:29		honor
5530	1026		0.83	course-v1:SamcedX+DATA101+1T2026		0	audit_passing			Ravi Andersson	2026-02-11 10:30:30	2026-02-11 10:30:30		audit
5531	1035		0.92	course-v1:SamcedX+DATA101+1T2026	e55c6d04950704ad62c9db84daac25d5	0	downloadable	e55c6d04950704ad62c9db84daac25d5	5d52caad48bd9c26da40705940d6c55e	Freya Moreau	2026-02-11 10:31:31	2026-02-11 10:31:31		verified
5532	1034		0.75	course-v1:SamcedX+DATA101+1T2026	0d010acde06ffe4fbe3828537a0a3aad	0	downloadable	0d010acde06ffe4fbe3828537a0a3aad	daa3a0a7358283ebf4eff60edca010d0	Diego Larsen	2026-02-11 10:32:32	2026-02-11 10:32:32		honor
5533	1027		0.75	course-v1:SamcedX+DATA101+1T2026		0	audit_passing			Hana Andersson	2026-02-11 10:33:33	2026-02-11 10:33:33		audit
5534	1040		1.0	course-v1:SamcedX+DATA101+1T2026		0	audit_passing			Ayşe Nguyen	2026-02-11 10:34:34	2026-02-11 10:34:34		audit
5535	1047		0.75	course-v1:SamcedX+DATA101+1T2026	7710f6a2226f354fc727b8f6e0a8d63d	0	downloadable	7710f6a2226f354fc727b8f6e0a8d63d	d36d8a0e6f8b727cf453f6222a6f0177	Omar Ivanova	2026-02-11 10:35:35	2026-02-11 10:35:35		honor
5536	1048		0.83	course-v1:SamcedX+DATA101+1T2026		0	audit_passing			Lucas Mensah	2026-02-11 10:36:36	2026-02-11 10:36:36		audit
5537	1042		0.83	course-v1:SamcedX+DATA101+1T2026		0	audit_passing			Diego Tanaka	2026-02-11 10:37:37	2026-02-11 10:37:37		audit
5538	1046		0.75	course-v1:SamcedX+DATA101+1T2026		0	audit_passing			Liam Haddad	2026-02-11 10:38:38	2026-02-11 10:38:38		audit
5539	1045		0.92	course-v1:SamcedX+DATA101+1T2026		0	audit_passing			Hugo Müller	2026-02-11 10:39:39	2026-02-11 10:39:39		audit
5540	1044		1.0	course-v1:SamcedX+DATA101+1T2026		0	audit_passing			Alva Okafor	2026-02-11 10:40:40	2026-02-11 10:40:40		audit
5541	1049		0.83	course-v1:SamcedX+DATA101+1T2026	411009104487bc895e2fcf99aeb3b58d	0	downloadable	411009104487bc895e2fcf99aeb3b58d	d85b3bea99fcf2e598cb784401900114	Omar Silva	2026-02-11 10:41:41	2026-02-11 10:41:41		verified
5542	1041		0.75	course-v1:SamcedX+DATA101+1T2026	01038ba4a89bf23886ae03186d119f9c	0	downloadable	01038ba4a89bf23886ae03186d119f9c	c9f911d68130ea68832fb98a4ab83010	Hugo Kowalski	2026-02-11 10:42:42	2026-02-11 10:42:42		verified
5543	1043		0.5	course-v1:SamcedX+DATA101+1T2026		0	audit_notpassing			Lucas Nguyen	2026-02-11 10:43:43	2026-02-11 10:43:43		audit
5544	1050		0.5	course-v1:SamcedX+DATA101+1T2026		0	notpassing			Ingrid Patel	2026-02-11 10:44:44	2026-02-11 10:44:44		verified
